namespace HelpDesk.Intake.Domain;

/// <summary>Who made a change and through which channel; recorded in the ticket's history and named in its events.</summary>
public sealed record TicketActor(string Id, string Name, string Channel)
{
    public static TicketActor Service(string name) => new(name, name, name);
}
