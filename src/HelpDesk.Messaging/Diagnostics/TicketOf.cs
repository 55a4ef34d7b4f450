using System.Reflection;
using HelpDesk.Contracts;

namespace HelpDesk.Messaging.Diagnostics;

/// <summary>
/// Which ticket a message concerns: <see cref="ITicketEvent"/>, or any message with a TicketId (Guid) and/or
/// TicketNumber (string) property (commands and operation events that are not ticket events). Looked up once per type.
/// </summary>
internal static class TicketOf<TMessage> where TMessage : class
{
    private static readonly PropertyInfo? Id = Find("TicketId", typeof(Guid));
    private static readonly PropertyInfo? Number = Find("TicketNumber", typeof(string));

    public static bool Applies => Id is not null || Number is not null || typeof(ITicketEvent).IsAssignableFrom(typeof(TMessage));

    public static (Guid? Id, string? Number) Read(TMessage message) => message is ITicketEvent ticket
        ? (ticket.TicketId, ticket.TicketNumber)
        : ((Guid?)Id?.GetValue(message), (string?)Number?.GetValue(message));

    private static PropertyInfo? Find(string name, Type type) =>
        typeof(TMessage).GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { } property && property.PropertyType == type ? property : null;
}
