using HelpDesk.Contracts;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;

namespace HelpDesk.Notifications.Tests;

/// <summary>Queue and inbox names survive refactoring: each event still arrives where it did and is remembered under the same consumer name.</summary>
public sealed class ConsumerQueueTests
{
    /// <summary>Contract type → (queue, inbox consumer name), as they were before the consumers became one generic class.</summary>
    private static readonly Dictionary<Type, (string Queue, string Consumer)> Names = new()
    {
        [typeof(TicketSubmitted)] = ("notify-ticket-submitted", "NotifyTicketSubmitted"),
        [typeof(TicketStatusChanged)] = ("notify-ticket-status-changed", "NotifyTicketStatusChanged"),
        [typeof(TicketCommented)] = ("notify-ticket-commented", "NotifyTicketCommented"),
        [typeof(TicketResolved)] = ("notify-ticket-resolved", "NotifyTicketResolved"),
        [typeof(TicketClosed)] = ("notify-ticket-closed", "NotifyTicketClosed"),
        [typeof(TicketMerged)] = ("notify-ticket-merged", "NotifyTicketMerged"),
        [typeof(TicketReopened)] = ("notify-ticket-reopened", "NotifyTicketReopened"),
        [typeof(TicketRouted)] = ("notify-ticket-routed", "NotifyTicketRouted"),
        [typeof(TicketAssigned)] = ("notify-ticket-assigned", "NotifyTicketAssigned"),
        [typeof(TicketApprovalRequested)] = ("notify-ticket-approval-requested", "NotifyTicketApprovalRequested"),
        [typeof(SlaWarningRaised)] = ("notify-sla-warning-raised", "NotifySlaWarningRaised"),
        [typeof(SlaBreached)] = ("notify-sla-breached", "NotifySlaBreached"),
        [typeof(KbArticlesSuggested)] = ("notify-kb-articles-suggested", "NotifyKbArticlesSuggested"),
        [typeof(MajorIncidentCandidateRaised)] = ("notify-major-incident-raised", "NotifyMajorIncidentRaised"),
        [typeof(ApprovalReplyRefused)] = ("notify-approval-reply-refused", "NotifyApprovalReplyRefused"),
    };

    [Fact]
    public async Task Every_notification_consumer_keeps_its_queue_and_inbox_name()
    {
        await using var host = await NotificationsHost.StartAsync();
        foreach (var type in NotificationEventTypes.All)
        {
            var (queue, consumer) = Names[type.ContractType];
            await ConsumerQueues.AssertConsumedAsync<NotificationsDbContext>(host, queue, consumer, type.Sample);
        }
        await ConsumerQueues.AssertConsumedAsync<NotificationsDbContext>(host, "add-watcher-on-ticket", "AddWatcherOnTicket",
            new TicketWatcherAdded(Guid.NewGuid(), "HD-000123", "watcher@example.com", DateTimeOffset.UtcNow));
    }
}
