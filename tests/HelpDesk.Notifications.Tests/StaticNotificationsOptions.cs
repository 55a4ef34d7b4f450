using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Tests;

/// <summary>Fixed options for a sender built by hand.</summary>
internal sealed class StaticNotificationsOptions(NotificationsOptions value) : IOptionsMonitor<NotificationsOptions>
{
    public NotificationsOptions CurrentValue => value;

    public NotificationsOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<NotificationsOptions, string?> listener) => null;
}
