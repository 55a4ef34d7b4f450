namespace HelpDesk.Routing.Infrastructure;

/// <summary>A generated secret shared by every replica (e.g. the approval-link key when none is configured).</summary>
public sealed class RoutingSecret
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
