namespace HelpDesk.KnowledgeBase.Api;

public sealed record FeedbackView(Guid ArticleId, int HelpfulCount, int NotHelpfulCount);
