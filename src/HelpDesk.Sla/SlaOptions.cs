namespace HelpDesk.Sla;

public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>Calendars by name; when none are configured a Monday–Friday 09:00–17:00 UTC "business-hours" calendar exists.</summary>
    public Dictionary<string, CalendarDefinition> Calendars { get; set; } = [];

    /// <summary>Policies by name; when none are configured (and none were created through the API) priority-based defaults apply.</summary>
    public Dictionary<string, PolicyDefinition> Policies { get; set; } = [];

    public SlaScannerOptions Scanner { get; set; } = new();

    /// <summary>How long a replica trusts its cached catalogue before re-reading changes made on another replica.</summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromSeconds(15);
}
