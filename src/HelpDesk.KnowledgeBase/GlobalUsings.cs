global using Microsoft.AspNetCore.Http.HttpResults;
global using HelpDesk.Messaging;
global using HelpDesk.KnowledgeBase;
global using HelpDesk.KnowledgeBase.Search;
