namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Intake's replica of one catalogue item version's form, fed by Routing's <c>CatalogItemPublished</c> events, so a
/// submission is validated without a call to Routing (nothing to wait for, nothing to lose a ticket to).
/// </summary>
public sealed class CatalogFormRecord
{
    public required string Key { get; set; }
    public int Version { get; set; }

    /// <summary>The version's <c>CatalogForm</c> as JSON (the event's own shape).</summary>
    public required string FormJson { get; set; }

    public bool Retired { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}
