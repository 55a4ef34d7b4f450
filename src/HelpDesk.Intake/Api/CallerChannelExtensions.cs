namespace HelpDesk.Intake.Api;

public static class CallerChannelExtensions
{
    /// <summary>The ticket channel of the caller's key (e.g. chat for the chat bot's key); null when it names none.</summary>
    public static TicketChannel? TicketChannel(this Caller caller) =>
        caller.Channel is { } text && !char.IsDigit(text[0]) && Enum.TryParse<TicketChannel>(text, ignoreCase: true, out var channel) && Enum.IsDefined(channel)
            ? channel
            : null;
}
