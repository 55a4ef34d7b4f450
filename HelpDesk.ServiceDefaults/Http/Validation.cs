using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// Collects field errors for one RFC 7807 validation problem (400). Fields are named as the client wrote them:
/// camelCase JSON paths with indexes (<c>requester.email</c>, <c>tags[2]</c>), query parameters, or header names.
/// <code>
/// var validation = new Validation()
///     .Required(request.Name, "name", maxLength: 100)
///     .MaxLength(request.Description, "description", 4000);
/// if (!validation.IsValid) return validation.Problem();
/// </code>
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
        return this;
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="failed"/> is true.</summary>
    public Validation When(bool failed, string field, string message) => failed ? Add(field, message) : this;

    /// <summary>Not blank and at most <paramref name="maxLength"/> characters.</summary>
    public Validation Required(string? value, string field, int maxLength = 200, string? message = null) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, message ?? $"'{field}' is required.") : MaxLength(value, field, maxLength);

    /// <summary>Absent, or at most <paramref name="maxLength"/> characters.</summary>
    public Validation MaxLength(string? value, string field, int maxLength, string? message = null) =>
        When(value is not null && value.Length > maxLength, field, message ?? $"'{field}' must be at most {maxLength} characters.");

    /// <summary>Absent, or from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public Validation Range(long? value, string field, long min, long max, string? message = null) =>
        When(value is { } v && (v < min || v > max), field, message ?? $"'{field}' must be from {min} to {max}.");

    /// <summary>Absent, or a defined value of <typeparamref name="TEnum"/> (JSON binding accepts undefined numbers).</summary>
    public Validation Defined<TEnum>(TEnum? value, string field, string? message = null) where TEnum : struct, Enum =>
        When(value is { } v && !Enum.IsDefined(v), field, message ?? $"'{field}' must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>The errors on one line, e.g. for a log entry or a stored reason: <c>subject: A subject is required.; …</c></summary>
    public string Summary() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    public ValidationProblem Problem() => TypedResults.ValidationProblem(Errors);

    /// <summary>A validation problem with a single field error.</summary>
    public static ValidationProblem Problem(string field, string message) => new Validation().Add(field, message).Problem();
}
