using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The RFC 7807 answers handlers give besides validation problems (see <see cref="Validation"/>). A
/// <see cref="ProblemHttpResult"/>, not e.g. <c>NotFound&lt;ProblemDetails&gt;</c>: only it answers with
/// application/problem+json.
/// </summary>
public static class HttpProblems
{
    public static ProblemHttpResult NotFound(string title, string detail) => Problem(StatusCodes.Status404NotFound, title, detail);

    public static ProblemHttpResult Conflict(string title, string detail) => Problem(StatusCodes.Status409Conflict, title, detail);

    public static ProblemHttpResult Forbidden(string title, string detail) => Problem(StatusCodes.Status403Forbidden, title, detail);

    /// <summary>422: the request is well-formed but cannot be applied; <paramref name="field"/> names the part at fault.</summary>
    public static ProblemHttpResult Unprocessable(string title, string detail, string? field = null) =>
        TypedResults.Problem(
            title: title, detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    /// <summary>403 for a check made inside a handler (e.g. on the loaded record), worded like the endpoint filter's.</summary>
    public static ProblemHttpResult MissingScope(Caller caller, string scope) =>
        new CallerRequirement([scope], []).Refusal(caller);

    /// <summary>Writes a 401 problem outside an endpoint (an authentication challenge).</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail).ExecuteAsync(context);

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
