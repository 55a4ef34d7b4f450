namespace HelpDesk.Intake.Api;

/// <summary>The ticket's row version as an HTTP entity tag: <c>ETag: "7"</c> out, <c>If-Match: "7"</c> in.</summary>
public static class TicketVersions
{
    public const string IfMatchHeader = "If-Match";

    public static string ETagOf(Ticket ticket) => $"\"{ticket.Version}\"";

    public static void SetETag(HttpResponse response, Ticket ticket) => response.Headers.ETag = ETagOf(ticket);

    /// <summary>The version an If-Match names (null when absent; a malformed one is a validation error on the header).</summary>
    public static int? ParseIfMatch(HttpRequest request, Validation validation)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return null;
        }
        if (int.TryParse(ifMatch.Trim().TrimStart('W', '/').Trim('"'), out var version))
        {
            return version;
        }
        validation.Add(IfMatchHeader, "If-Match must carry the ticket's ETag, e.g. \"3\".");
        return null;
    }

    public static ProblemHttpResult Stale(Ticket ticket, int expected) => Problem(StatusCodes.Status412PreconditionFailed,
        "Stale version", $"Ticket {ticket.Number} is at version {ticket.Version}, not {expected}; reload it (ETag) and apply your change again.");

    public static ProblemHttpResult Raced(Ticket ticket) => Problem(StatusCodes.Status412PreconditionFailed,
        "Concurrent change", $"Ticket {ticket.Number} was changed by someone else at the same time; reload it and try again.");

    public static ProblemHttpResult Required() => Problem(StatusCodes.Status428PreconditionRequired,
        "If-Match required", "Send If-Match with the ticket's ETag (from GET) so a stale edit cannot overwrite someone else's.");

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(
        title: title, detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["field"] = IfMatchHeader });
}
