namespace HelpDesk.KnowledgeBase.Api;

/// <summary>
/// The one place the knowledge base decides what a <see cref="Caller"/> may see and do. Today that is the scopes
/// the gateway vouches for (kb:internal ⊂ kb:write ⊂ kb:admin); when callers carry roles (issue 15), map them here
/// and every endpoint follows. A caller with neither is an anonymous reader: published, public articles only.
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
    /// Who is reading, for analytics: a channel app the gateway verified (the portal's key carries a channel) names the
    /// requester it acts for (<paramref name="requester"/>, their e-mail, as tickets carry it); a caller signed in as a
    /// person is that person. Anyone else naming a requester is ignored, so nobody can skew another requester's
    /// deflection. Null when unknown: the search still counts, it just cannot show a deflection.
    /// </summary>
    public static string? RequesterKey(this Caller caller, string? requester)
    {
        if (!caller.IsIdentified || caller.Id == Caller.AnonymousId)
        {
            return null;
        }
        if (caller.Channel is not null && !string.IsNullOrWhiteSpace(requester))
        {
            var key = requester.Trim().ToLowerInvariant();
            return key.Length <= SearchLogEntry.MaxRequesterLength ? key : null;
        }
        return caller.Roles.Count > 0 && caller.Id.Length <= SearchLogEntry.MaxRequesterLength ? caller.Id.ToLowerInvariant() : null;
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
