namespace HelpDesk.Sla.Domain;

/// <summary>The policies and calendars in force: an immutable snapshot, so one replay sees one consistent set.</summary>
public sealed class SlaCatalog
{
    private readonly List<SlaPolicy> _bySpecificity;

    public SlaCatalog(IEnumerable<SlaPolicy> policies, IEnumerable<BusinessCalendar> calendars)
    {
        Calendars = calendars.Append(BusinessCalendar.Always).DistinctBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
        Policies = policies.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _bySpecificity = [.. Policies.Values.OrderByDescending(p => p.Specificity).ThenBy(p => p.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyDictionary<string, SlaPolicy> Policies { get; }

    public IReadOnlyDictionary<string, BusinessCalendar> Calendars { get; }

    /// <summary>The most specific policy matching the ticket, or null when none does.</summary>
    public SlaPolicy? Select(TicketType type, TicketPriority priority, string? queue, string? organisation) =>
        _bySpecificity.FirstOrDefault(p => p.Matches(type, priority, queue, organisation));

    /// <summary>A policy's calendar; a calendar deleted meanwhile falls back to 24x7 rather than stopping the clock.</summary>
    public BusinessCalendar CalendarFor(string name) =>
        Calendars.TryGetValue(name, out var calendar) ? calendar : BusinessCalendar.Always;
}
