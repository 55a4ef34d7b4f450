namespace HelpDesk.KnowledgeBase.Api;

public sealed record ReindexAccepted(bool Started, string Status);
