using System.Globalization;
using MassTransit;

namespace HelpDesk.Messaging.Inbox;

/// <summary>
/// How old a message is for the replay window: the time its outbox row was written (a header the dispatcher sets, so a
/// re-dispatched row or a message moved back from an <c>_error</c> queue keeps its first time), else the time it was
/// first sent.
/// </summary>
public static class ReplayWindow
{
    public const string WrittenAtHeader = "HelpDesk-Written-At";

    public static string Format(DateTimeOffset writtenAt) => writtenAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? OriginOf(ConsumeContext context)
    {
        if (context.Headers.Get<string>(WrittenAtHeader) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var writtenAt))
        {
            return writtenAt;
        }
        return context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null;
    }
}
