using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>POST /search: the query string parameters of GET /search, as a body.</summary>
public sealed record SearchInput(
    [ApiExample("\"vpn keeps disconnecting\"")] string? Q, [ApiExample("\"en\"")] string? Lang = null, [ApiExample("\"Network\"")] string? Category = null,
    string? Tag = null, [ApiExample("1")] int? Page = null, [ApiExample("10")] int? PageSize = null, bool? Facets = null, string? Requester = null);
