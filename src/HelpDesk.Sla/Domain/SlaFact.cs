using System.Globalization;

namespace HelpDesk.Sla.Domain;

/// <summary>
/// A ticket lifecycle event as the SLA service needs it. Facts are kept per ticket and the clocks are rebuilt by
/// replaying them in event-time order, so late, early or duplicated deliveries give the same clocks.
/// </summary>
public sealed class SlaFact
{
    public long Id { get; set; }

    public Guid TicketId { get; set; }

    public SlaFactKind Kind { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Identifies the fact independently of the message id (kind, event time and what distinguishes it).</summary>
    public string FactKey { get; set; } = "";

    public string TicketNumber { get; set; } = "";

    public TicketType? Type { get; set; }

    public TicketPriority? Priority { get; set; }

    public string? Organisation { get; set; }

    public string? Queue { get; set; }

    /// <summary>Agent (assigned, commenting, resolving) or the person changing the status.</summary>
    public string? Actor { get; set; }

    public TicketStatus? FromStatus { get; set; }

    public TicketStatus? ToStatus { get; set; }

    public bool IsFirstResponse { get; set; }

    public bool IsPublicAgentReply { get; set; }

    public int? Score { get; set; }

    public string? Detail { get; set; }

    /// <summary>Routed: the SLA policy the ticket's catalogue item names (it wins over selection by type, priority and queue).</summary>
    public string? PolicyName { get; set; }

    /// <summary>The fact a lifecycle event records.</summary>
    public static SlaFact From(ITicketEvent lifecycle) => lifecycle switch
    {
        TicketSubmitted e => From(e),
        TicketRouted e => From(e),
        TicketAssigned e => From(e),
        TicketStatusChanged e => From(e),
        TicketCommented e => From(e),
        TicketResolved e => From(e),
        TicketReopened e => From(e),
        TicketClosed e => From(e),
        TicketRated e => From(e),
        _ => throw new ArgumentException($"{lifecycle.GetType().Name} is not an SLA fact.", nameof(lifecycle)),
    };

    public static SlaFact From(TicketSubmitted e) => New(e.TicketId, e.TicketNumber, SlaFactKind.Submitted, e.SubmittedAt, "", f =>
    {
        f.Type = e.Type;
        f.Priority = e.Priority;
        f.Organisation = e.Requester?.Organisation;
    });

    public static SlaFact From(TicketRouted e) => New(e.TicketId, e.TicketNumber, SlaFactKind.Routed, e.RoutedAt, e.Queue, f =>
    {
        f.Queue = e.Queue;
        f.Priority = e.PriorityOverride;
        f.Detail = Truncate(e.DecidedBy);
        f.PolicyName = Truncate(e.SlaPolicy);
    });

    public static SlaFact From(TicketAssigned e) => New(e.TicketId, e.TicketNumber, SlaFactKind.Assigned, e.AssignedAt, e.AgentId, f =>
    {
        f.Queue = e.Queue;
        f.Actor = e.AgentId;
    });

    public static SlaFact From(TicketStatusChanged e) => New(e.TicketId, e.TicketNumber, SlaFactKind.StatusChanged, e.ChangedAt, $"{e.From}>{e.To}", f =>
    {
        f.FromStatus = e.From;
        f.ToStatus = e.To;
        f.Actor = e.ChangedBy;
        f.Detail = Truncate(e.Reason);
    });

    public static SlaFact From(TicketCommented e) => New(e.TicketId, e.TicketNumber, SlaFactKind.Commented, e.CommentedAt, e.CommentId.ToString("N"), f =>
    {
        f.Actor = e.Author;
        f.IsFirstResponse = e.IsFirstResponse;
        f.IsPublicAgentReply = e.IsPublic && e.AuthorKind == CommentAuthorKind.Agent;
    });

    public static SlaFact From(TicketResolved e) => New(e.TicketId, e.TicketNumber, SlaFactKind.Resolved, e.ResolvedAt, "", f =>
    {
        f.Actor = e.ResolvedBy;
        f.Detail = Truncate(e.Resolution);
    });

    public static SlaFact From(TicketReopened e) => New(e.TicketId, e.TicketNumber, SlaFactKind.Reopened, e.ReopenedAt, "", f => f.Detail = Truncate(e.Reason));

    public static SlaFact From(TicketClosed e) => New(e.TicketId, e.TicketNumber, SlaFactKind.Closed, e.ClosedAt, "", _ => { });

    public static SlaFact From(TicketRated e) => New(e.TicketId, e.TicketNumber, SlaFactKind.Rated, e.RatedAt, "", f => f.Score = e.Score);

    private static SlaFact New(Guid ticketId, string number, SlaFactKind kind, DateTimeOffset at, string distinct, Action<SlaFact> fill)
    {
        var utc = at.ToUniversalTime();
        var fact = new SlaFact
        {
            TicketId = ticketId,
            TicketNumber = number ?? "",
            Kind = kind,
            OccurredAt = utc,
            FactKey = Truncate($"{kind}:{utc.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{distinct}", 160)!,
        };
        fill(fact);
        return fact;
    }

    private static string? Truncate(string? value, int length = 500) => value is null || value.Length <= length ? value : value[..length];
}
