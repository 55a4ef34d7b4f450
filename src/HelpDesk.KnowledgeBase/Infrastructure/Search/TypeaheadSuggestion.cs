namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

public sealed record TypeaheadSuggestion(Guid ArticleId, string Title, string Language);
