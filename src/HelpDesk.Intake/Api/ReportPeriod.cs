using System.Globalization;

namespace HelpDesk.Intake.Api;

/// <summary>A report's period [From, To): by default the 30 days up to now, at most 366 days, From before To.</summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public const int MaxDays = 366;

    public static ReportPeriod? Read(string? from, string? to, DateTimeOffset now, Validation validation)
    {
        var end = Parse(to, "to", validation) ?? now;
        var start = Parse(from, "from", validation) ?? end.AddDays(-30);
        if (!validation.IsValid)
        {
            return null;
        }
        validation
            .When(start >= end, "to", "'to' must be after 'from'.")
            .When(end - start > TimeSpan.FromDays(MaxDays), "from", $"The period is at most {MaxDays} days.");
        return validation.IsValid ? new ReportPeriod(start, end) : null;
    }

    private static DateTimeOffset? Parse(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }
        validation.Add(field, "An ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T00:00:00Z.");
        return null;
    }
}
