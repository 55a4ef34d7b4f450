namespace HelpDesk.Routing.Api;

internal static class ValidationExtensions
{
    /// <summary>Absent, or a list without blank entries (routing trims and de-duplicates the rest).</summary>
    public static Validation NoBlanks(this Validation validation, IReadOnlyList<string>? values, string field) =>
        validation.When(values is not null && values.Any(string.IsNullOrWhiteSpace), field, $"'{field}' must not contain empty values.");
}
