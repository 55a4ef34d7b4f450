namespace HelpDesk.KnowledgeBase.Domain;

public enum ArticleErrorKind { NotFound, Conflict, Invalid }
