namespace HelpDesk.Intake.Domain;

/// <summary>What each link type means from both sides, and which ticket types it may point at.</summary>
public static class TicketLinkTypes
{
    public static string Label(TicketLinkType type) => type switch
    {
        TicketLinkType.DuplicateOf => "duplicate of",
        TicketLinkType.CausedBy => "caused by problem",
        TicketLinkType.FixedBy => "fixed by change",
        _ => "related to",
    };

    public static string InverseLabel(TicketLinkType type) => type switch
    {
        TicketLinkType.DuplicateOf => "has duplicate",
        TicketLinkType.CausedBy => "causes",
        TicketLinkType.FixedBy => "fixes",
        _ => "related to",
    };

    /// <summary>The type the target must have, if any: a cause is a problem, a fix is a change.</summary>
    public static TicketType? RequiredTargetType(TicketLinkType type) => type switch
    {
        TicketLinkType.CausedBy => TicketType.Problem,
        TicketLinkType.FixedBy => TicketType.Change,
        _ => null,
    };

    /// <summary>Related is symmetric: it is stored once, whichever side states it.</summary>
    public static bool IsSymmetric(TicketLinkType type) => type == TicketLinkType.Related;
}
