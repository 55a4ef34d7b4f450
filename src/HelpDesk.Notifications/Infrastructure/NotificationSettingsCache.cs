using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// Keeps <see cref="NotificationSettings"/> for <see cref="NotificationsOptions.SettingsCacheDuration"/>. This replica's
/// own settings API drops it after each committed change, so a change is used by the next event it plans; another
/// replica sees it within the duration. Reading the four tables per event was about a tenth of the notification
/// service's CPU under load (docs/reliability.md).
/// </summary>
public sealed class NotificationSettingsCache(TimeProvider time, IOptions<NotificationsOptions> options)
{
    private readonly Lock _gate = new();
    private NotificationSettings? _current;

    /// <summary>Counts <see cref="Changed"/> calls: a load that started before one must not be kept.</summary>
    private long _generation;

    public async Task<NotificationSettings> GetAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && time.GetUtcNow() - current.LoadedAt < options.Value.SettingsCacheDuration)
        {
            return current;
        }
        var generation = Interlocked.Read(ref _generation);
        var loaded = await LoadAsync(db, cancellationToken);
        lock (_gate)
        {
            if (_generation == generation)
            {
                _current = loaded;
            }
        }
        return loaded;
    }

    /// <summary>Called after a settings change committed: the next event reads the tables again.</summary>
    public void Changed()
    {
        lock (_gate)
        {
            _generation++;
            _current = null;
        }
    }

    private async Task<NotificationSettings> LoadAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var loadedAt = time.GetUtcNow();
        var subscriptions = await db.Subscriptions.AsNoTracking().ToListAsync(cancellationToken);
        var templates = await db.Templates.AsNoTracking().ToListAsync(cancellationToken);
        var endpoints = await NotificationQueries.ActiveEndpointsAsync(db, cancellationToken);
        var contacts = await db.QueueContacts.AsNoTracking().ToListAsync(cancellationToken);
        return new NotificationSettings(subscriptions, templates, endpoints, contacts, loadedAt);
    }
}
