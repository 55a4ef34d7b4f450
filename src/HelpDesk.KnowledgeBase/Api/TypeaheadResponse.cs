namespace HelpDesk.KnowledgeBase.Api;

public sealed record TypeaheadResponse(IReadOnlyList<TypeaheadSuggestion> Suggestions);
