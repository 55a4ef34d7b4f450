using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace HelpDesk.Web.Components.Pages.Portal;

/// <summary>
/// A catalogue form's answers: read from the posted inputs (<c>answer.&lt;key&gt;</c>) and typed as Intake expects them
/// (numbers as JSON numbers, yes/no as booleans, several choices as a list). Empty inputs are left out, so a missing
/// required answer is Intake's to name; a number the browser let through unparsed is sent as typed, for Intake to refuse.
/// </summary>
public static class CatalogueAnswers
{
    private const string Prefix = "answer.";

    public static string InputName(CatalogFormField field) => Prefix + field.Key;

    /// <summary>The key of Intake's validation problem for the field (Intake shortens keys longer than 60 characters).</summary>
    public static string ErrorKey(CatalogFormField field) => "answers." + (field.Key.Length <= 60 ? field.Key : field.Key[..60] + "…");

    public static Dictionary<string, object> From(IReadOnlyList<CatalogFormField> fields, IFormCollection? posted)
    {
        var answers = new Dictionary<string, object>(StringComparer.Ordinal);
        if (posted is null)
        {
            return answers;
        }
        foreach (var field in fields)
        {
            if (Typed(field, posted[InputName(field)]) is { } value)
            {
                answers[field.Key] = value;
            }
        }
        return answers;
    }

    public static string InputType(CatalogFormField field) => field.Type switch
    {
        "Number" or "Integer" => "number",
        "Date" => "date",
        "Email" => "email",
        "Url" => "url",
        _ => "text",
    };

    public static string? Step(CatalogFormField field) => field.Type switch
    {
        "Integer" => "1",
        "Number" => "any",
        _ => null,
    };

    public static int? MaxLength(CatalogFormField field) => field.Type switch
    {
        "Text" => field.MaxLength ?? 500,
        "Email" => 254,
        "Url" => 2000,
        _ => null,
    };

    /// <summary>HTML number attributes are culture-free: 1.5, never 1,5.</summary>
    public static string? Invariant(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static object? Typed(CatalogFormField field, StringValues values)
    {
        if (field.Type == "MultiChoice")
        {
            string[] chosen = [.. values.OfType<string>().Where(v => v.Length > 0)];
            return chosen.Length == 0 ? null : chosen;
        }
        var text = values.Count > 0 ? values[^1] : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return field.Type switch
        {
            "Number" or "Integer" => decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : (object)text,
            "Boolean" => text switch { "true" => true, "false" => false, _ => (object)text },
            _ => text,
        };
    }
}
