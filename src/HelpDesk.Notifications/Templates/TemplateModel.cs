namespace HelpDesk.Notifications.Templates;

/// <summary>Variables a template sees: <c>ticket</c>, <c>event</c> (the event's fields, camelCase) and <c>recipient</c>.</summary>
public sealed record TemplateModel(
    IDictionary<string, object> Ticket,
    IDictionary<string, object> Event,
    IDictionary<string, object> Recipient,
    string Language);
