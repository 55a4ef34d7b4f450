namespace HelpDesk.Notifications.Domain;

/// <summary>
/// The desk's notification settings that every planned event consults: subscription rules, custom templates, active
/// webhook endpoints and queue contacts. Small tables changed by an administrator now and then, read as one snapshot
/// (<see cref="NotificationSettingsCache"/>) instead of four queries per event.
/// </summary>
public sealed class NotificationSettings(
    IReadOnlyList<SubscriptionRule> subscriptions, IReadOnlyList<TemplateOverride> templates,
    IReadOnlyList<WebhookEndpoint> activeEndpoints, IReadOnlyList<QueueContact> queueContacts, DateTimeOffset loadedAt)
{
    // Ordinal keys: the columns compare case-sensitively on both databases (PostgreSQL text, SQLite BINARY).
    private readonly Dictionary<string, SubscriptionRule> _subscriptions = subscriptions.ToDictionary(s => s.EventType, StringComparer.Ordinal);
    private readonly Dictionary<(string EventType, string Language), TemplateOverride> _templates = templates.ToDictionary(t => (t.EventType, t.Language));
    private readonly ILookup<string, string> _contacts = queueContacts.ToLookup(c => c.Queue, c => c.Email, StringComparer.Ordinal);

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public IReadOnlyList<WebhookEndpoint> ActiveEndpoints { get; } = activeEndpoints;

    /// <summary>Who hears <paramref name="eventType"/>: the desk's rule, else the event type's default roles.</summary>
    public IReadOnlyList<RecipientRole> RolesFor(string eventType) =>
        _subscriptions.TryGetValue(eventType, out var rule)
            ? DeliveryPlanner.ParseRoles(rule.Roles)
            : NotificationEventTypes.Find(eventType)?.DefaultRoles ?? [];

    /// <summary>The desk's own template for an event type in a language, if it wrote one.</summary>
    public TemplateOverride? TemplateFor(string eventType, string language) =>
        _templates.GetValueOrDefault((eventType, language));

    public IEnumerable<string> ContactsOf(string queue) => _contacts[queue];
}
