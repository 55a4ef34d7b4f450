global using Microsoft.AspNetCore.Http.HttpResults;
global using HelpDesk.Contracts;
global using HelpDesk.Messaging;
global using HelpDesk.KnowledgeBase;
global using HelpDesk.KnowledgeBase.Api;
global using HelpDesk.KnowledgeBase.Domain;
global using HelpDesk.KnowledgeBase.Infrastructure;
global using HelpDesk.KnowledgeBase.Infrastructure.Search;
