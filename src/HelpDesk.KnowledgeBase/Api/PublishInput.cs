using HelpDesk.Contracts;

namespace HelpDesk.KnowledgeBase.Api;

public sealed record PublishInput(int? Version = null, ArticleVisibility? Visibility = null);
