namespace HelpDesk.Sla.Domain;

/// <summary>
/// An SLA policy as configured (<c>Sla:Policies:{name}</c>) or sent to the API. Empty match lists mean "any";
/// among matching policies the most specific (most non-empty lists) wins, then the name in ordinal order.
/// Targets are business time on <see cref="Calendar"/>.
/// </summary>
public sealed class PolicyDefinition
{
    public string? Calendar { get; set; }

    public TicketType[]? Types { get; set; }

    public TicketPriority[]? Priorities { get; set; }

    public string[]? Queues { get; set; }

    public string[]? Organisations { get; set; }

    public TimeSpan? FirstResponse { get; set; }

    public TimeSpan? Resolution { get; set; }

    /// <summary>Optional: maximum time between public agent updates once the first response was given.</summary>
    public TimeSpan? NextUpdate { get; set; }

    /// <summary>Percentages of a target at which a warning is raised; default 75 and 90.</summary>
    public int[]? WarningThresholds { get; set; }

    /// <summary>Ticket statuses in which the clocks stop running; default PendingCustomer.</summary>
    public TicketStatus[]? PauseStatuses { get; set; }

    /// <summary>When a resolved ticket is reopened: false resumes the resolution clock where it stopped, true starts it from zero.</summary>
    public bool RestartResolutionOnReopen { get; set; }

    public SlaPolicy? Compile(string name, IReadOnlySet<string> calendarNames, Validation errors)
    {
        var calendar = string.IsNullOrWhiteSpace(Calendar) ? BusinessCalendar.AlwaysName : Calendar.Trim();
        if (!calendarNames.Contains(calendar))
        {
            errors.Add("calendar", $"Unknown calendar '{calendar}'.");
        }
        if (FirstResponse is null && Resolution is null && NextUpdate is null)
        {
            errors.Add("resolution", "At least one target (firstResponse, resolution, nextUpdate) is required.");
        }
        CheckTarget(FirstResponse, "firstResponse", errors);
        CheckTarget(Resolution, "resolution", errors);
        CheckTarget(NextUpdate, "nextUpdate", errors);

        var thresholds = WarningThresholds ?? [75, 90];
        if (thresholds.Any(t => t is <= 0 or >= 100) || thresholds.Distinct().Count() != thresholds.Length)
        {
            errors.Add("warningThresholds", "Thresholds are distinct percentages between 1 and 99.");
        }
        var pauses = PauseStatuses ?? [TicketStatus.PendingCustomer];
        if (pauses.Any(s => s is TicketStatus.Resolved or TicketStatus.Closed))
        {
            errors.Add("pauseStatuses", "Resolved and Closed stop the clocks; they cannot be pause states.");
        }
        if (!errors.IsValid)
        {
            return null;
        }
        return new SlaPolicy(
            name, calendar,
            new HashSet<TicketType>(Types ?? []), new HashSet<TicketPriority>(Priorities ?? []),
            new HashSet<string>(Clean(Queues), StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(Clean(Organisations), StringComparer.OrdinalIgnoreCase),
            FirstResponse, Resolution, NextUpdate,
            [.. thresholds.Order()], new HashSet<TicketStatus>(pauses), RestartResolutionOnReopen);
    }

    private static IEnumerable<string> Clean(string[]? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim());

    private static void CheckTarget(TimeSpan? target, string field, Validation errors)
    {
        if (target is { } t && (t <= TimeSpan.Zero || t > TimeSpan.FromDays(3650)))
        {
            errors.Add(field, "A target is a positive duration such as 04:00:00 or 3.00:00:00.");
        }
    }

    /// <summary>The policies used when none are configured: ITIL-style targets by priority.</summary>
    public static IReadOnlyDictionary<string, PolicyDefinition> Defaults(string businessCalendar) => new Dictionary<string, PolicyDefinition>
    {
        ["p1-critical"] = new() { Priorities = [TicketPriority.Critical], Calendar = BusinessCalendar.AlwaysName, FirstResponse = TimeSpan.FromMinutes(15), Resolution = TimeSpan.FromHours(4) },
        ["p2-high"] = new() { Priorities = [TicketPriority.High], Calendar = businessCalendar, FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) },
        ["p3-medium"] = new() { Priorities = [TicketPriority.Medium], Calendar = businessCalendar, FirstResponse = TimeSpan.FromHours(4), Resolution = TimeSpan.FromHours(24) },
        ["p4-low"] = new() { Priorities = [TicketPriority.Low], Calendar = businessCalendar, FirstResponse = TimeSpan.FromHours(8), Resolution = TimeSpan.FromHours(40) },
        ["default"] = new() { Calendar = businessCalendar, FirstResponse = TimeSpan.FromHours(8), Resolution = TimeSpan.FromHours(40) },
    };
}
