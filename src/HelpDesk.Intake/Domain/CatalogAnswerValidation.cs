using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HelpDesk.Intake.Domain;

/// <summary>
/// Checks a request's answers against the form of the item version it is filed against: every bad answer is named
/// (<c>answers.&lt;key&gt;</c>) with a message in the requester's language, and the answers are normalised (text trimmed).
/// Values are data, never markup or queries: they are stored as JSON and encoded wherever they are shown.
/// </summary>
public static class CatalogAnswerValidation
{
    /// <summary>Hard caps when a form sets none, so no answer can be arbitrarily large.</summary>
    public const int TextMax = 500;
    public const int TextareaMax = 20000;

    public static Dictionary<string, JsonElement> Validate(CatalogForm form, IReadOnlyDictionary<string, JsonElement>? answers, string language, Validation validation)
    {
        var given = answers ?? new Dictionary<string, JsonElement>();
        var fields = form.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var key in given.Keys.Where(k => !fields.ContainsKey(k)))
        {
            validation.Add(Field(key), AnswerMessages.Get("unknown", language, Shorten(key)));
        }
        var clean = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            var label = field.Label.In(language);
            if (!given.TryGetValue(field.Key, out var value) || IsEmpty(value))
            {
                validation.When(field.Required, Field(field.Key), AnswerMessages.Get("required", language, label));
                continue;
            }
            if (Check(field, value, label, language) is { } error)
            {
                validation.Add(Field(field.Key), error);
                continue;
            }
            clean[field.Key] = value.ValueKind == JsonValueKind.String ? JsonSerializer.SerializeToElement(value.GetString()!.Trim()) : value.Clone();
        }
        return clean;
    }

    private static string? Check(FormField field, JsonElement value, string label, string language) => field.Type switch
    {
        FormFieldType.Text or FormFieldType.Textarea => CheckText(field, value, label, language),
        FormFieldType.Number or FormFieldType.Integer => CheckNumber(field, value, label, language),
        FormFieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : AnswerMessages.Get("boolean", language, label),
        FormFieldType.Date => value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null : AnswerMessages.Get("date", language, label),
        FormFieldType.Email => value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: <= 254 } email && Api.TicketValidation.IsEmailAddress(email)
            ? null : AnswerMessages.Get("email", language, label),
        FormFieldType.Url => value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: <= 2000 } url
            && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? null : AnswerMessages.Get("url", language, label),
        FormFieldType.Choice => value.ValueKind == JsonValueKind.String && IsOption(field, value.GetString()!)
            ? null : AnswerMessages.Get("option", language, label, Options(field)),
        FormFieldType.MultiChoice => CheckChoices(field, value, label, language),
        _ => AnswerMessages.Get("text", language, label),
    };

    private static string? CheckText(FormField field, JsonElement value, string label, string language)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return AnswerMessages.Get("text", language, label);
        }
        var text = value.GetString()!.Trim();
        var max = Math.Min(field.MaxLength ?? int.MaxValue, field.Type == FormFieldType.Text ? TextMax : TextareaMax);
        var allowed = field.Type == FormFieldType.Textarea ? "\n\r\t" : "";
        if (text.Length > max)
        {
            return AnswerMessages.Get("tooLong", language, label, max);
        }
        if (text.Any(c => char.IsControl(c) && !allowed.Contains(c, StringComparison.Ordinal)))
        {
            return AnswerMessages.Get("control", language, label);
        }
        if (field.MinLength is { } min && text.Length < min)
        {
            return AnswerMessages.Get("tooShort", language, label, min);
        }
        return field.Pattern is { } pattern && !Matches(pattern, text) ? AnswerMessages.Get("pattern", language, label) : null;
    }

    private static string? CheckNumber(FormField field, JsonElement value, string label, string language)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            return AnswerMessages.Get(field.Type == FormFieldType.Integer ? "integer" : "number", language, label);
        }
        if (field.Type == FormFieldType.Integer && number != decimal.Truncate(number))
        {
            return AnswerMessages.Get("integer", language, label);
        }
        if (field.Minimum is { } min && number < min)
        {
            return AnswerMessages.Get("min", language, label, min);
        }
        return field.Maximum is { } max && number > max ? AnswerMessages.Get("max", language, label, max) : null;
    }

    private static string? CheckChoices(FormField field, JsonElement value, string label, string language)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            return AnswerMessages.Get("list", language, label);
        }
        var chosen = value.EnumerateArray().Select(v => v.GetString()!).ToList();
        var limit = field.MaxItems ?? field.Options?.Count ?? 0;
        if (chosen.Count > limit)
        {
            return AnswerMessages.Get("tooMany", language, label, limit);
        }
        if (chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Count)
        {
            return AnswerMessages.Get("duplicate", language, label);
        }
        return chosen.All(c => IsOption(field, c)) ? null : AnswerMessages.Get("option", language, label, Options(field));
    }

    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())
        || value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0;

    private static bool IsOption(FormField field, string value) => field.Options?.Any(o => o.Value == value) == true;

    private static string Options(FormField field) => string.Join(", ", field.Options?.Select(o => o.Value) ?? []);

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Field(string key) => $"answers.{Shorten(key)}";

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
