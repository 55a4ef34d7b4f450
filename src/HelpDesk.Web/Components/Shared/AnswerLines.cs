using System.Text.Json;

namespace HelpDesk.Web.Components.Shared;

/// <summary>
/// A catalogue request's answers in the reader's language, in the form's order, labelled by the item version the
/// ticket was filed against (a later version may have renamed or dropped the question). Without that version (routing
/// unreachable) the keys stand in for labels: the answers are never hidden.
/// </summary>
public static class AnswerLines
{
    public static IReadOnlyList<AnswerLine> Of(JsonElement? answers, JsonElement? definition, string language, string yes, string no)
    {
        if (answers is not { ValueKind: JsonValueKind.Object } given)
        {
            return [];
        }
        var fields = Fields(definition);
        var lines = new List<AnswerLine>();
        foreach (var answer in given.EnumerateObject().OrderBy(a => fields.TryGetValue(a.Name, out var f) ? f.Order : int.MaxValue))
        {
            var field = fields.GetValueOrDefault(answer.Name);
            var label = field.Field.ValueKind == JsonValueKind.Object ? Text(field.Field, "label", language) ?? answer.Name : answer.Name;
            lines.Add(new AnswerLine(answer.Name, label, Words(answer.Value, field.Field, language, yes, no)));
        }
        return lines;
    }

    private static Dictionary<string, (int Order, JsonElement Field)> Fields(JsonElement? definition)
    {
        var fields = new Dictionary<string, (int Order, JsonElement Field)>(StringComparer.Ordinal);
        if (definition is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("form", out var form) && form.ValueKind == JsonValueKind.Object
            && form.TryGetProperty("fields", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var order = 0;
            foreach (var field in list.EnumerateArray())
            {
                if (field.ValueKind == JsonValueKind.Object && field.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String)
                {
                    fields.TryAdd(key.GetString()!, (order++, field));
                }
            }
        }
        return fields;
    }

    private static string Words(JsonElement value, JsonElement field, string language, string yes, string no) => value.ValueKind switch
    {
        JsonValueKind.True => yes,
        JsonValueKind.False => no,
        JsonValueKind.String => Option(field, value.GetString()!, language),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? Option(field, v.GetString()!, language) : v.ToString())),
        _ => value.ToString(),
    };

    /// <summary>A choice's label in the reader's language; any other text as given.</summary>
    private static string Option(JsonElement field, string value, string language)
    {
        if (field.ValueKind == JsonValueKind.Object && field.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in options.EnumerateArray())
            {
                if (option.ValueKind == JsonValueKind.Object && option.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value)
                {
                    return Text(option, "label", language) ?? value;
                }
            }
        }
        return value;
    }

    /// <summary>A localized text ({en, fr, it}) in the language, falling back to English.</summary>
    private static string? Text(JsonElement owner, string name, string language)
    {
        if (!owner.TryGetProperty(name, out var text) || text.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var candidate in new[] { language, "en" })
        {
            if (text.TryGetProperty(candidate, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } found)
            {
                return found;
            }
        }
        return null;
    }
}
