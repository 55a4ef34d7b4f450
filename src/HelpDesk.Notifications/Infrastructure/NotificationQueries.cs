using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// The look-ups every consumed event makes, compiled once per model (<see cref="PerModel{TQuery}"/>): building each
/// query's cache key from its expression tree on every message was a visible share of a consumer's CPU.
/// </summary>
public static class NotificationQueries
{
    private static readonly PerModel<Func<NotificationsDbContext, Guid, CancellationToken, Task<TicketProjection?>>> Ticket =
        new(() => EF.CompileAsyncQuery((NotificationsDbContext db, Guid ticketId, CancellationToken _) =>
            db.Tickets.FirstOrDefault(t => t.TicketId == ticketId)));

    private static readonly PerModel<Func<NotificationsDbContext, string, CancellationToken, Task<UserPreference?>>> Preference =
        new(() => EF.CompileAsyncQuery((NotificationsDbContext db, string email, CancellationToken _) =>
            db.Preferences.AsNoTracking().FirstOrDefault(p => p.Email == email)));

    private static readonly PerModel<Func<NotificationsDbContext, IAsyncEnumerable<WebhookEndpoint>>> ActiveEndpoints =
        new(() => EF.CompileAsyncQuery((NotificationsDbContext db) => db.WebhookEndpoints.AsNoTracking().Where(e => e.Active)));

    private static readonly PerModel<Func<NotificationsDbContext, Guid, IAsyncEnumerable<HeldNotification>>> Held =
        new(() => EF.CompileAsyncQuery<NotificationsDbContext, Guid, HeldNotification>((db, ticketId) =>
            db.HeldNotifications.Where(h => h.TicketId == ticketId).OrderBy(h => h.HeldAt).ThenBy(h => h.Id)));

    private static readonly PerModel<Func<NotificationsDbContext, Guid, CancellationToken, Task<int>>> Attempts =
        new(() => EF.CompileAsyncQuery((NotificationsDbContext db, Guid deliveryId, CancellationToken _) =>
            db.DeliveryAttempts.Count(a => a.DeliveryId == deliveryId)));

    public static Task<int> CountAttemptsAsync(NotificationsDbContext db, Guid deliveryId, CancellationToken cancellationToken) =>
        Attempts.For(db)(db, deliveryId, cancellationToken);

    /// <summary>The ticket's projection, tracked.</summary>
    public static Task<TicketProjection?> FindTicketAsync(NotificationsDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        Ticket.For(db)(db, ticketId, cancellationToken);

    public static Task<UserPreference?> FindPreferenceAsync(NotificationsDbContext db, string email, CancellationToken cancellationToken) =>
        Preference.For(db)(db, email, cancellationToken);

    public static Task<List<WebhookEndpoint>> ActiveEndpointsAsync(NotificationsDbContext db, CancellationToken cancellationToken) =>
        ToListAsync(ActiveEndpoints.For(db)(db), cancellationToken);

    /// <summary>The notifications held for a ticket's requester, tracked, in the order the events were consumed.</summary>
    public static Task<List<HeldNotification>> HeldForAsync(NotificationsDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        ToListAsync(Held.For(db)(db, ticketId), cancellationToken);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }
        return list;
    }
}
