namespace HelpDesk.KnowledgeBase.Api;

/// <summary>
/// The one place the knowledge base decides what a <see cref="Caller"/> may see and do. Today that is the scopes
/// the verified caller holds (kb:internal ⊂ kb:write ⊂ kb:admin); people get them from their roles (agent, lead:
/// kb:internal; editor: kb:write; admin: all), so every endpoint follows roles too. A caller with none of them is a
/// reader: published, public articles only.
/// </summary>
public static class KbAccess
{
    /// <summary>Any of these sees internal articles, drafts and versions.</summary>
    public static readonly IReadOnlyList<string> InternalScopes = [HelpDeskScopes.KbInternal, HelpDeskScopes.KbWrite, HelpDeskScopes.KbAdmin];

    /// <summary>Any of these creates, edits, publishes, withdraws and deletes articles, and manages synonyms.</summary>
    public static readonly IReadOnlyList<string> WriteScopes = [HelpDeskScopes.KbWrite, HelpDeskScopes.KbAdmin];

    /// <summary>Rebuilds the index.</summary>
    public static readonly IReadOnlyList<string> AdminScopes = [HelpDeskScopes.KbAdmin];

    public static bool CanSeeInternal(this Caller caller) => InternalScopes.Any(caller.HasScope);

    public static bool CanWrite(this Caller caller) => WriteScopes.Any(caller.HasScope);

    /// <summary>The name recorded as an article version's author; none for an anonymous caller.</summary>
    public static string? AuthorName(this Caller caller) =>
        caller.Name ?? (caller.Id == Caller.AnonymousId ? null : caller.Id);

    /// <summary>Support leads' reports (search analytics, deflection).</summary>
    public static readonly IReadOnlyList<string> AnalyticsScopes = InternalScopes;

    /// <summary>
    /// Who is reading, for analytics, keyed by e-mail as tickets carry it: a person signed in is that person (whatever
    /// requester they name); a channel app or machine client the gateway verified (the portal's key) names the
    /// requester it acts for (<paramref name="requester"/>). Nobody can skew another person's deflection. Null when
    /// unknown: the search still counts, it just cannot show a deflection.
    /// </summary>
    public static string? RequesterKey(this Caller caller, string? requester)
    {
        if (!caller.IsIdentified || caller.Id == Caller.AnonymousId)
        {
            return null;
        }
        var key = caller.IsPerson ? caller.Email : caller.Channel is not null ? requester : null;
        key = key?.Trim().ToLowerInvariant();
        return key is { Length: > 0 and <= SearchLogEntry.MaxRequesterLength } ? key : null;
    }

    /// <summary>Support leads: search analytics and deflection reports.</summary>
    public static TBuilder RequireAnalyticsReader<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAnyScope(AnalyticsScopes);

    /// <summary>Editors only: internal scopes on reads, write scopes on writes.</summary>
    public static TBuilder RequireEditor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAnyScope(WriteScopes);

    /// <summary>Agents and editors: internal articles, drafts, listings, index status.</summary>
    public static TBuilder RequireInternalReader<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAnyScope(InternalScopes);

    public static TBuilder RequireIndexAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAnyScope(AdminScopes);
}
