namespace HelpDesk.KnowledgeBase;

/// <summary>
/// What the caller may do, from the scopes the gateway puts in X-HelpDesk-Scopes (clients cannot set it).
/// No header means an anonymous reader: published, public articles only.
/// </summary>
public sealed record KbCaller(IReadOnlySet<string> Scopes)
{
    public const string ScopesHeader = "X-HelpDesk-Scopes";
    public const string InternalScope = "kb:internal";
    public const string WriteScope = "kb:write";
    public const string AdminScope = "kb:admin";

    public bool CanSeeInternal => Scopes.Contains(InternalScope) || CanWrite;

    public bool CanWrite => Scopes.Contains(WriteScope) || CanAdmin;

    public bool CanAdmin => Scopes.Contains(AdminScope);

    public static KbCaller From(HttpContext context) =>
        new(context.Request.Headers[ScopesHeader].ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase));

    public static IResult Forbidden(string scope) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Missing scope", detail: $"This operation needs the '{scope}' scope.");
}
