using System.Text.RegularExpressions;

namespace HelpDesk.Intake.Domain;

/// <summary>Placeholders a macro's text may use: <c>{{ticket.number}}</c>, <c>{{requester.name}}</c>, <c>{{agent.name}}</c>…</summary>
public static partial class TicketPlaceholders
{
    public static readonly IReadOnlyList<string> Known =
        ["ticket.number", "ticket.subject", "ticket.status", "ticket.priority", "ticket.queue", "requester.name", "requester.email", "agent.name"];

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>The placeholders in <paramref name="text"/> that are not known.</summary>
    public static IEnumerable<string> Unknown(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Where(name => !Known.Contains(name)).Distinct();

    public static string Render(string text, Ticket ticket, TicketActor agent) => Placeholder().Replace(text, match => match.Groups[1].Value switch
    {
        "ticket.number" => ticket.Number,
        "ticket.subject" => ticket.Subject,
        "ticket.status" => ticket.Status.ToString(),
        "ticket.priority" => ticket.Priority.ToString(),
        "ticket.queue" => ticket.Queue ?? "",
        "requester.name" => ticket.RequesterName ?? ticket.RequesterEmail,
        "requester.email" => ticket.RequesterEmail,
        "agent.name" => agent.Name,
        _ => match.Value,
    });
}
