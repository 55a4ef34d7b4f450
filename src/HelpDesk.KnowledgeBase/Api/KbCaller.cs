namespace HelpDesk.KnowledgeBase.Api;

/// <summary>
/// The one place the knowledge base learns who is calling and what they may see: the scopes the gateway puts in
/// X-HelpDesk-Scopes (clients cannot set it) and the client name it forwards. No header means an anonymous
/// reader: published, public articles only.
/// </summary>
public sealed record KbCaller(IReadOnlySet<string> Scopes, string? ClientName = null)
{
    public const string ScopesHeader = "X-HelpDesk-Scopes";
    public const string ClientNameHeader = "X-HelpDesk-Client-Name";
    public const string InternalScope = "kb:internal";
    public const string WriteScope = "kb:write";
    public const string AdminScope = "kb:admin";

    public bool CanSeeInternal => Scopes.Contains(InternalScope) || CanWrite;

    public bool CanWrite => Scopes.Contains(WriteScope) || CanAdmin;

    public bool CanAdmin => Scopes.Contains(AdminScope);

    public static KbCaller From(HttpContext context) =>
        new(context.Request.Headers[ScopesHeader].ToString()
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.OrdinalIgnoreCase),
            context.Request.Headers[ClientNameHeader].FirstOrDefault());

    public static ProblemHttpResult Forbidden(string scope) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Missing scope", detail: $"This operation needs the '{scope}' scope.");
}
