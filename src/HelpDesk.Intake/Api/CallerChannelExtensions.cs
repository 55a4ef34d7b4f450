namespace HelpDesk.Intake.Api;

public static class CallerChannelExtensions
{
    /// <summary>The ticket channel of the caller's key (e.g. chat for the chat bot's key); null when it names none.</summary>
    public static TicketChannel? TicketChannel(this Caller caller) =>
        caller.Channel is { } text && !char.IsDigit(text[0]) && Enum.TryParse<TicketChannel>(text, ignoreCase: true, out var channel) && Enum.IsDefined(channel)
            ? channel
            // A person raising a ticket through a sign-in is using the portal.
            : caller.IsPerson ? Contracts.TicketChannel.Portal : null;
}
