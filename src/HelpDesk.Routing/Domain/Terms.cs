namespace HelpDesk.Routing.Domain;

/// <summary>Lists of names and keywords (queues, skills, tags, organisations) as routing compares them.</summary>
public static class Terms
{
    /// <summary>Trimmed, without blanks, each value once (case-insensitive), in the order given.</summary>
    public static List<string> Normalise(IEnumerable<string>? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
}
