using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelpDesk.Web.Components.Pages.Admin;

/// <summary>
/// One question of a catalogue item's form in the editor, every member of the form model as its own input
/// (docs/catalogue.md, "Forms"). Options are one per line: <c>value | English | Français | Italiano</c>.
/// Routing validates what is sent; only numbers that do not parse are refused here.
/// </summary>
public sealed class CatalogueFieldForm
{
    public static readonly string[] Types = ["Text", "Textarea", "Number", "Integer", "Boolean", "Date", "Email", "Url", "Choice", "MultiChoice"];

    public string? Key { get; set; }

    public string? Type { get; set; } = "Text";

    public string? LabelEn { get; set; }

    public string? LabelFr { get; set; }

    public string? LabelIt { get; set; }

    public bool Required { get; set; }

    public string? HelpEn { get; set; }

    public string? HelpFr { get; set; }

    public string? HelpIt { get; set; }

    public string? MinLength { get; set; }

    public string? MaxLength { get; set; }

    public string? Minimum { get; set; }

    public string? Maximum { get; set; }

    public string? Pattern { get; set; }

    public string? Options { get; set; }

    public string? MaxItems { get; set; }

    /// <summary>Ticked: the question is left out of the next version.</summary>
    public bool Remove { get; set; }

    /// <summary>The empty row the editor offers for a new question: sent only once it has a key or a label.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(LabelEn) && string.IsNullOrWhiteSpace(Options);

    public static CatalogueFieldForm From(JsonElement field)
    {
        string? Text(string member) => field.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string? Number(string member) => field.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null;
        return new()
        {
            Key = Text("key"), Type = Text("type") ?? "Text", Required = field.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True,
            LabelEn = In(field, "label", "en"), LabelFr = In(field, "label", "fr"), LabelIt = In(field, "label", "it"),
            HelpEn = In(field, "help", "en"), HelpFr = In(field, "help", "fr"), HelpIt = In(field, "help", "it"),
            MinLength = Number("minLength"), MaxLength = Number("maxLength"), Minimum = Number("minimum"), Maximum = Number("maximum"),
            MaxItems = Number("maxItems"), Pattern = Text("pattern"), Options = OptionLines(field),
        };
    }

    /// <summary>Routing's field, or null with the inputs that are not numbers named in <paramref name="errors"/> under <paramref name="input"/>.</summary>
    public JsonObject? ToJson(string input, Dictionary<string, string[]> errors)
    {
        var problems = new List<string>();
        JsonNode? Whole(string? text, string name) => Parse(text, name, problems, int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : null);
        JsonNode? Fractional(string? text, string name) => Parse(text, name, problems, decimal.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : null);
        var field = new JsonObject
        {
            ["key"] = Blank(Key), ["type"] = Blank(Type), ["required"] = Required,
            ["label"] = Texts(LabelEn, LabelFr, LabelIt),
            ["help"] = string.IsNullOrWhiteSpace(HelpEn) ? null : Texts(HelpEn, HelpFr, HelpIt),
            ["minLength"] = Whole(MinLength, "minLength"), ["maxLength"] = Whole(MaxLength, "maxLength"),
            ["minimum"] = Fractional(Minimum, "minimum"), ["maximum"] = Fractional(Maximum, "maximum"),
            ["pattern"] = Blank(Pattern), ["options"] = ParseOptions(Options), ["maxItems"] = Whole(MaxItems, "maxItems"),
        };
        if (problems.Count > 0)
        {
            errors[input] = [.. problems];
            return null;
        }
        foreach (var name in field.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            field.Remove(name);
        }
        return field;
    }

    private static JsonNode? Parse(string? text, string name, List<string> problems, JsonNode? parsed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (parsed is null)
        {
            problems.Add($"{name}: '{text.Trim()}' is not a number.");
        }
        return parsed;
    }

    private static JsonArray? ParseOptions(string? lines)
    {
        var options = (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(parts => (JsonNode?)new JsonObject
            {
                ["value"] = parts[0],
                ["label"] = Texts(parts.ElementAtOrDefault(1) is { Length: > 0 } en ? en : parts[0], parts.ElementAtOrDefault(2), parts.ElementAtOrDefault(3)),
            })
            .ToArray();
        return options.Length == 0 ? null : new JsonArray(options);
    }

    private static string? OptionLines(JsonElement field) =>
        field.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array
            ? string.Join('\n', options.EnumerateArray().Select(OptionLine))
            : null;

    /// <summary><c>value | English | Français | Italiano</c>, without trailing empty labels.</summary>
    private static string OptionLine(JsonElement option)
    {
        var parts = new List<string?>
        {
            option.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : "",
            In(option, "label", "en"), In(option, "label", "fr"), In(option, "label", "it"),
        };
        while (parts.Count > 1 && string.IsNullOrEmpty(parts[^1]))
        {
            parts.RemoveAt(parts.Count - 1);
        }
        return string.Join(" | ", parts);
    }

    private static string? In(JsonElement owner, string member, string language) =>
        owner.TryGetProperty(member, out var texts) && texts.ValueKind == JsonValueKind.Object && texts.TryGetProperty(language, out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString() : null;

    private static JsonObject Texts(string? en, string? fr, string? it) => CatalogueItemForm.Texts(en, fr, it);

    private static string? Blank(string? value) => CatalogueItemForm.Blank(value);
}
