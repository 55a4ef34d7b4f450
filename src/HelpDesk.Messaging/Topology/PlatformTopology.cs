using HelpDesk.Contracts;
using MassTransit;

namespace HelpDesk.Messaging.Topology;

/// <summary>
/// Every durable consumer queue of the platform and the events bound to it. RabbitMQ confirms a publish that no queue
/// is bound to receive, and a consumer declares its queue only when it first starts: without this list an event
/// published before a service has ever run would be confirmed and dropped. Every service that talks to RabbitMQ
/// declares all of it at start-up (<see cref="PlatformTopologyDeployer"/>), before its outbox publishes anything.
/// </summary>
/// <remarks>
/// A consumer added to a service must be added here too: the broker test
/// (<c>PlatformTopologyTests</c> in HelpDesk.Foundation.Tests) compares this list with the bindings the running
/// services declare and names the missing line. Per-replica temporary queues (KB index and synonyms) are not listed:
/// they exist only while their replica runs, which catches up from its database after binding.
/// </remarks>
public static class PlatformTopology
{
    public static IReadOnlyList<ConsumerQueue> Queues { get; } =
    [
        // Intake
        Queue("RecordRoutingOnTicket", typeof(TicketRouted)),
        Queue("RecordAssignmentOnTicket", typeof(TicketAssigned)),
        Queue("ReplicateCatalogForm", typeof(CatalogItemPublished)),
        Queue("ReplicateCatalogRetirement", typeof(CatalogItemRetired)),
        Queue("ResolveFulfilledRequest", typeof(TicketFulfilled)),
        Queue("RecordApprovalOnTicket", typeof(TicketApprovalDecided)),

        // Routing
        Queue("RouteSubmittedTicket", typeof(TicketSubmitted)),
        Queue("UpdateAgentLoadOnStatusChange", typeof(TicketStatusChanged)),
        Queue("UpdateAgentLoadOnResolution", typeof(TicketResolved)),
        Queue("UpdateAgentLoadOnClosure", typeof(TicketClosed)),
        Queue("UpdateAgentLoadOnReopen", typeof(TicketReopened)),
        Queue("StartChangeApproval", typeof(ChangeApprovalRequested)),
        Queue("WithdrawOnClosure", typeof(TicketClosed)),
        Queue("DecideByEmailReply", typeof(ApprovalReplyReceived)),
        Queue("CloseChangeApprovalRound", typeof(ChangeApprovalWithdrawn)),
        Queue("RecordRatingOnRequest", typeof(TicketRated)),
        Queue("PublishCatalogSnapshot", typeof(CatalogSnapshotRequested)),
        Queue("FollowReassignment", typeof(TicketReassigned)),

        // Knowledge base (the per-replica index and synonym queues are temporary: see remarks)
        Queue("SuggestArticlesForTicket", typeof(TicketSubmitted)),
        Queue("PublishKnownErrorArticle", typeof(ProblemKnownErrorPublished)),

        // SLA
        Queue("StartSlaClocks", typeof(TicketSubmitted)),
        Queue("SlaTicketRouted", typeof(TicketRouted)),
        Queue("SlaTicketAssigned", typeof(TicketAssigned)),
        Queue("SlaTicketStatusChanged", typeof(TicketStatusChanged)),
        Queue("SlaTicketCommented", typeof(TicketCommented)),
        Queue("SlaTicketResolved", typeof(TicketResolved)),
        Queue("SlaTicketReopened", typeof(TicketReopened)),
        Queue("SlaTicketClosed", typeof(TicketClosed)),
        Queue("SlaTicketRated", typeof(TicketRated)),

        // Notifications
        Queue("NotifyTicketSubmitted", typeof(TicketSubmitted)),
        Queue("NotifyTicketStatusChanged", typeof(TicketStatusChanged)),
        Queue("NotifyTicketCommented", typeof(TicketCommented)),
        Queue("NotifyTicketResolved", typeof(TicketResolved)),
        Queue("NotifyTicketClosed", typeof(TicketClosed)),
        Queue("NotifyTicketMerged", typeof(TicketMerged)),
        Queue("NotifyTicketReopened", typeof(TicketReopened)),
        Queue("NotifyTicketRouted", typeof(TicketRouted)),
        Queue("NotifyTicketAssigned", typeof(TicketAssigned)),
        Queue("NotifyTicketApprovalRequested", typeof(TicketApprovalRequested)),
        Queue("NotifySlaWarningRaised", typeof(SlaWarningRaised)),
        Queue("NotifySlaBreached", typeof(SlaBreached)),
        Queue("NotifyKbArticlesSuggested", typeof(KbArticlesSuggested)),
        Queue("NotifyApprovalReplyRefused", typeof(ApprovalReplyRefused)),
        Queue("NotifyMajorIncidentRaised", typeof(MajorIncidentCandidateRaised)),
        Queue("AddWatcherOnTicket", typeof(TicketWatcherAdded)),
    ];

    /// <summary>
    /// Queues of consumers merged into another, with the events they were bound to. The deployer removes those bindings
    /// from brokers that still have them, so nothing new arrives; the retired consumer stays in its service only to
    /// drain what the queue held at the upgrade (its endpoint binds nothing). Remove a line, and the consumer, once no
    /// deployment older than the merge remains.
    /// </summary>
    public static IReadOnlyList<ConsumerQueue> Retired { get; } =
    [
        // Merged into SuggestArticlesForTicket: one KB transaction per submitted ticket instead of two.
        Queue("RecordRequesterTicket", typeof(TicketSubmitted)),
    ];

    /// <summary>The exchange MassTransit publishes <paramref name="messageType"/> to (e.g. HelpDesk.Contracts:TicketSubmitted).</summary>
    public static string ExchangeFor(Type messageType) => Formatter.GetMessageName(messageType);

    private static readonly MassTransit.RabbitMqTransport.RabbitMqMessageNameFormatter Formatter = new();

    /// <param name="consumer">The consumer's class name (or the name a generic consumer keeps), kebab-cased as MassTransit does.</param>
    private static ConsumerQueue Queue(string consumer, params Type[] messages) =>
        new(KebabCaseEndpointNameFormatter.Instance.SanitizeName(consumer), messages);
}
