global using HelpDesk.KnowledgeBase;
global using HelpDesk.KnowledgeBase.Api;
global using HelpDesk.KnowledgeBase.Consumers;
global using HelpDesk.KnowledgeBase.Domain;
global using HelpDesk.KnowledgeBase.Infrastructure;
global using HelpDesk.KnowledgeBase.Infrastructure.Search;
global using HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;
global using HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;
