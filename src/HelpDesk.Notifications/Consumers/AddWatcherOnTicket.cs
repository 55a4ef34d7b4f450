using HelpDesk.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Consumers;

/// <summary>Intake says someone now follows a ticket (e.g. the requester of a merged duplicate): add the watcher, notify nobody.</summary>
public sealed class AddWatcherOnTicket(NotificationsDbContext db, TimeProvider time, ILogger<AddWatcherOnTicket> logger)
    : IdempotentConsumer<TicketWatcherAdded, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TicketWatcherAdded> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        var email = m.Email.Trim().ToLowerInvariant();
        if (!await Db.Watchers.AnyAsync(w => w.TicketId == m.TicketId && w.Email == email, cancellationToken))
        {
            Db.Watchers.Add(new TicketWatcher { TicketId = m.TicketId, Email = email, AddedAt = time.GetUtcNow() });
        }
    }
}
