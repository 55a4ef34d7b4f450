namespace HelpDesk.KnowledgeBase.Api;

/// <summary>POST /search: the query string parameters of GET /search, as a body.</summary>
public sealed record SearchInput(
    string? Q, string? Lang = null, string? Category = null, string? Tag = null, int? Page = null, int? PageSize = null, bool? Facets = null, string? Requester = null);
