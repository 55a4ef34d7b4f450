namespace HelpDesk.Intake.Api;

/// <summary>One UTC day: tickets created (in) and resolved (out) that day.</summary>
public sealed record DailyVolume(DateOnly Date, int Created, int Resolved);
