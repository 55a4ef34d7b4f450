namespace HelpDesk.Intake.Api;

public static class CallerActorExtensions
{
    /// <summary>The actor of an operation is always the verified caller, never a name in the body.</summary>
    public static TicketActor Actor(this Caller caller) =>
        new(caller.Id, caller.DisplayName, string.IsNullOrWhiteSpace(caller.Channel) ? "api" : caller.Channel.ToLowerInvariant());
}
