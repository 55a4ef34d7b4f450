namespace HelpDesk.Notifications.Domain;

/// <summary>An event type Notifications can announce: its public name (webhooks, templates, subscriptions) and who hears it by default.</summary>
public sealed record NotificationEventType(string Name, Type ContractType, IReadOnlyList<RecipientRole> DefaultRoles, object Sample);
