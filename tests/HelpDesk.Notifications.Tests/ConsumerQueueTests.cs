using HelpDesk.Contracts;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;

namespace HelpDesk.Notifications.Tests;

/// <summary>Queue and inbox names survive refactoring: each announced event still arrives where it did and is remembered under the same consumer name.</summary>
public sealed class ConsumerQueueTests
{
    [Fact]
    public async Task Every_notification_consumer_keeps_its_queue_and_inbox_name()
    {
        await using var host = await NotificationsHost.StartAsync();
        foreach (var type in NotificationEventTypes.All)
        {
            var queue = "notify-" + KebabCase(type.ContractType.Name);
            await ConsumerQueues.AssertConsumedAsync<NotificationsDbContext>(host, queue, "Notify" + type.ContractType.Name, type.Sample);
        }
    }

    /// <summary>The queue names as they were written down before the consumers became one generic class.</summary>
    private static string KebabCase(string name) => name switch
    {
        nameof(TicketSubmitted) => "ticket-submitted",
        nameof(TicketStatusChanged) => "ticket-status-changed",
        nameof(TicketCommented) => "ticket-commented",
        nameof(TicketResolved) => "ticket-resolved",
        nameof(TicketClosed) => "ticket-closed",
        nameof(TicketReopened) => "ticket-reopened",
        nameof(TicketRouted) => "ticket-routed",
        nameof(TicketAssigned) => "ticket-assigned",
        nameof(TicketApprovalRequested) => "ticket-approval-requested",
        nameof(SlaWarningRaised) => "sla-warning-raised",
        nameof(SlaBreached) => "sla-breached",
        nameof(KbArticlesSuggested) => "kb-articles-suggested",
        _ => throw new ArgumentException($"No queue name written down for {name}."),
    };
}
