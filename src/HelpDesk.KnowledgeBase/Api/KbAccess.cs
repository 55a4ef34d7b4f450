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

    /// <summary>Editors only: internal scopes on reads, write scopes on writes.</summary>
    public static TBuilder RequireEditor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAnyScope(WriteScopes);

    /// <summary>Agents and editors: internal articles, drafts, listings, index status.</summary>
    public static TBuilder RequireInternalReader<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAnyScope(InternalScopes);

    public static TBuilder RequireIndexAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAnyScope(AdminScopes);
}
