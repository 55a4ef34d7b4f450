namespace HelpDesk.Notifications.Domain;

public static class NotificationEventTypes
{
    public const string TicketSubmitted = "ticket.submitted";
    public const string TicketStatusChanged = "ticket.status_changed";
    public const string TicketCommented = "ticket.commented";
    public const string TicketResolved = "ticket.resolved";
    public const string TicketClosed = "ticket.closed";
    public const string TicketReopened = "ticket.reopened";
    public const string TicketRouted = "ticket.routed";
    public const string TicketAssigned = "ticket.assigned";
    public const string TicketApprovalRequested = "ticket.approval_requested";
    public const string SlaWarningRaised = "sla.warning_raised";
    public const string SlaBreached = "sla.breached";
    public const string KbArticlesSuggested = "kb.articles_suggested";
    public const string TicketMerged = "ticket.merged";
    public const string MajorIncidentRaised = "major_incident.raised";
    public const string ApprovalReplyRefused = "ticket.approval_reply_refused";

    internal static readonly Guid SampleTicketId = Guid.Parse("0190a000-0000-7000-8000-000000000123");
    internal const string SampleNumber = "HD-000123";
    private static readonly DateTimeOffset SampleTime = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<NotificationEventType> All =
    [
        new(TicketSubmitted, typeof(TicketSubmitted), [RecipientRole.Requester],
            new TicketSubmitted(SampleTicketId, SampleNumber, TicketType.Incident, TicketChannel.Portal, TicketPriority.High,
                new Requester("ada@example.com", "Ada Lovelace"), "VPN drops every hour", "Since Monday the VPN disconnects.", ["vpn"], "en", SampleTime)),
        new(TicketStatusChanged, typeof(TicketStatusChanged), [RecipientRole.Requester, RecipientRole.Watchers],
            new TicketStatusChanged(SampleTicketId, SampleNumber, TicketStatus.Assigned, TicketStatus.InProgress, SampleTime, "agent-7")),
        new(TicketCommented, typeof(TicketCommented), [RecipientRole.Requester, RecipientRole.Assignee, RecipientRole.Watchers],
            new TicketCommented(SampleTicketId, SampleNumber, Guid.Parse("0190a000-0000-7000-8000-000000000456"), "Grace Hopper", CommentAuthorKind.Agent, true,
                "Could you try reconnecting with the new profile <b>v2</b>?", SampleTime)),
        new(TicketResolved, typeof(TicketResolved), [RecipientRole.Requester, RecipientRole.Watchers],
            new TicketResolved(SampleTicketId, SampleNumber, SampleTime, "Replaced the VPN profile.", "agent-7")),
        new(TicketClosed, typeof(TicketClosed), [RecipientRole.Requester, RecipientRole.Watchers],
            new TicketClosed(SampleTicketId, SampleNumber, SampleTime)),
        new(TicketReopened, typeof(TicketReopened), [RecipientRole.Requester, RecipientRole.Assignee, RecipientRole.Watchers],
            new TicketReopened(SampleTicketId, SampleNumber, SampleTime, "Still failing")),
        new(TicketRouted, typeof(TicketRouted), [RecipientRole.Queue],
            new TicketRouted(SampleTicketId, SampleNumber, "network", "Network", "rule:vpn", SampleTime)),
        new(TicketAssigned, typeof(TicketAssigned), [RecipientRole.Assignee],
            new TicketAssigned(SampleTicketId, SampleNumber, "network", "agent-7", "Grace Hopper", "least-loaded", SampleTime, "grace@example.com")),
        new(TicketApprovalRequested, typeof(TicketApprovalRequested), [RecipientRole.Approver],
            new TicketApprovalRequested(SampleTicketId, SampleNumber, "New laptop", "manager@example.com", SampleTime)),
        new(SlaWarningRaised, typeof(SlaWarningRaised), [RecipientRole.Assignee, RecipientRole.Queue],
            new SlaWarningRaised(SampleTicketId, SampleNumber, "P2 standard", SlaMetric.Resolution, 80, SampleTime.AddHours(2), SampleTime, "network", "agent-7")),
        new(SlaBreached, typeof(SlaBreached), [RecipientRole.Assignee, RecipientRole.Queue],
            new SlaBreached(SampleTicketId, SampleNumber, "P2 standard", SlaMetric.Resolution, SampleTime, SampleTime.AddMinutes(1), "network", "agent-7")),
        new(KbArticlesSuggested, typeof(KbArticlesSuggested), [RecipientRole.Requester],
            new KbArticlesSuggested(SampleTicketId, SampleNumber,
                [new KbSuggestion(Guid.Parse("0190a000-0000-7000-8000-000000000789"), "Reset your VPN profile", 0.92, "Open the VPN client and…", "https://kb.example.com/a/789")],
                SampleTime)),
        new(TicketMerged, typeof(TicketMerged), [RecipientRole.Requester],
            new TicketMerged(Guid.Parse("0190a000-0000-7000-8000-000000000124"), "HD-000124", SampleTicketId, SampleNumber, "bob@example.com", 2, "Grace Hopper",
                SampleTime, SampleTime.AddHours(24))),
        new(MajorIncidentRaised, typeof(MajorIncidentCandidateRaised), [RecipientRole.Queue],
            new MajorIncidentCandidateRaised(Guid.Parse("0190a000-0000-7000-8000-000000000999"), "infrastructure", "Storage", "# disk full on", [SampleTicketId], 25,
                SampleTime.AddMinutes(-3), SampleTime)),
        new(ApprovalReplyRefused, typeof(ApprovalReplyRefused), [RecipientRole.Sender],
            new ApprovalReplyRefused(SampleTicketId, SampleNumber, "someone@example.com", "not-approver",
                "someone@example.com is not the approver this e-mail was sent to (manager@example.com).", SampleTime)),
    ];

    private static readonly Dictionary<string, NotificationEventType> ByName = All.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<Type, NotificationEventType> ByContract = All.ToDictionary(t => t.ContractType);

    /// <summary>The public name of the event a contract type carries (e.g. TicketSubmitted → ticket.submitted).</summary>
    public static string NameOf(Type contractType) =>
        ByContract.TryGetValue(contractType, out var type) ? type.Name : throw new ArgumentException($"{contractType.Name} is not announced.", nameof(contractType));

    public static NotificationEventType? Find(string? name) => name is not null && ByName.TryGetValue(name, out var type) ? type : null;
}
