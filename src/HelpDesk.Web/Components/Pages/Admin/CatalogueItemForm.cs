using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelpDesk.Web.Components.Pages.Admin;

/// <summary>
/// The catalogue editor's form: texts per language and single values as inputs, the form's questions one by one
/// (<see cref="CatalogueFieldForm"/>), the approval policy and fulfilment plan as JSON (their shape is
/// docs/catalogue.md's item model). Converts to and from routing's definition.
/// </summary>
public sealed class CatalogueItemForm
{
    public string? NameEn { get; set; }

    public string? NameFr { get; set; }

    public string? NameIt { get; set; }

    public string? DescriptionEn { get; set; }

    public string? DescriptionFr { get; set; }

    public string? DescriptionIt { get; set; }

    public string? Portal { get; set; }

    public string? FulfilmentQueue { get; set; }

    public string? SlaPolicy { get; set; }

    public string? Owner { get; set; }

    public string? KbArticles { get; set; }

    public string? Keywords { get; set; }

    /// <summary>The questions, in order; the editor adds one empty row for a new question.</summary>
    public List<CatalogueFieldForm> Fields { get; set; } = [];

    public string? Approval { get; set; } = """{ "preApproved": true, "stages": [] }""";

    public string? Fulfilment { get; set; } = """{ "tasks": [] }""";

    public static CatalogueItemForm From(JsonElement definition)
    {
        string? Text(string member) => definition.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        string Json(string member) => definition.TryGetProperty(member, out var value) ? WithoutNulls(JsonNode.Parse(value.GetRawText()))?.ToJsonString(Indented) ?? "" : "";
        string List(string member) => definition.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.Array
            ? string.Join(", ", value.EnumerateArray().Select(v => v.GetString())) : "";
        string? In(string member, string language) =>
            definition.TryGetProperty(member, out var texts) && texts.ValueKind == JsonValueKind.Object && texts.TryGetProperty(language, out var t) ? t.GetString() : null;
        return new()
        {
            NameEn = In("name", "en"), NameFr = In("name", "fr"), NameIt = In("name", "it"),
            DescriptionEn = In("description", "en"), DescriptionFr = In("description", "fr"), DescriptionIt = In("description", "it"), Portal = Text("portal"), FulfilmentQueue = Text("fulfilmentQueue"),
            SlaPolicy = Text("slaPolicy"), Owner = Text("owner"), KbArticles = List("kbArticles"), Keywords = List("keywords"),
            Fields = definition.TryGetProperty("form", out var form) && form.ValueKind == JsonValueKind.Object
                && form.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array
                ? [.. fields.EnumerateArray().Select(CatalogueFieldForm.From)] : [],
            Approval = Json("approval"), Fulfilment = Json("fulfilment"),
        };
    }

    /// <summary>Routing's definition, or null with the JSON parts that do not parse named in <paramref name="errors"/>.</summary>
    public JsonObject? ToDefinition(Dictionary<string, string[]> errors)
    {
        JsonNode? Parse(string field, string? text)
        {
            try
            {
                return JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? "null" : text);
            }
            catch (JsonException ex)
            {
                errors[field] = [$"Not valid JSON: {ex.Message.Split(" Path:")[0]}"];
                return null;
            }
        }
        var form = Questions(errors);
        var approval = Parse("approval", Approval);
        var fulfilment = Parse("fulfilment", Fulfilment);
        if (errors.Count > 0)
        {
            return null;
        }
        return new JsonObject
        {
            ["name"] = Texts(NameEn, NameFr, NameIt), ["description"] = Texts(DescriptionEn, DescriptionFr, DescriptionIt), ["portal"] = Blank(Portal),
            ["form"] = form, ["approval"] = approval, ["fulfilment"] = fulfilment,
            ["fulfilmentQueue"] = Blank(FulfilmentQueue), ["slaPolicy"] = Blank(SlaPolicy),
            ["kbArticles"] = Split(KbArticles), ["owner"] = Blank(Owner), ["keywords"] = Split(Keywords),
        };
    }

    /// <summary>
    /// The input that shows a problem routing named: <c>name.fr</c> → the French name, <c>form.fields[2].type</c> →
    /// the row of the question that was sent third (empty and removed rows are not sent), <c>approval.stages[0]</c> → approval.
    /// </summary>
    public string InputOf(string field)
    {
        var path = field.StartsWith("definition.", StringComparison.Ordinal) ? field["definition.".Length..] : field;
        var head = path.Split('.', '[')[0];
        if (path.StartsWith("form.fields[", StringComparison.Ordinal) && int.TryParse(path["form.fields[".Length..].Split(']')[0], out var sent)
            && sent >= 0 && sent < _sentRows.Count)
        {
            return Row(_sentRows[sent]);
        }
        return head is "name" or "description" && path.Length > head.Length + 1 ? path : head;
    }

    /// <summary>The error key of a question's row.</summary>
    public static string Row(int index) => $"form.fields[{index}]";

    /// <summary>Which row each question sent came from, to show routing's problems on the right row.</summary>
    private List<int> _sentRows = [];

    private JsonObject? Questions(Dictionary<string, string[]> errors)
    {
        _sentRows = [];
        var fields = new JsonArray();
        for (var row = 0; row < Fields.Count; row++)
        {
            if (Fields[row].Remove || Fields[row].IsBlank)
            {
                continue;
            }
            if (Fields[row].ToJson(Row(row), errors) is { } field)
            {
                fields.Add(field);
                _sentRows.Add(row);
            }
        }
        return new JsonObject { ["fields"] = fields };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Routing writes unset members as null; the editor shows (and sends back) only what is set.</summary>
    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }
                foreach (var (_, value) in obj)
                {
                    WithoutNulls(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WithoutNulls(item);
                }
                break;
        }
        return node;
    }

    internal static JsonObject Texts(string? en, string? fr, string? it) => new() { ["en"] = Blank(en), ["fr"] = Blank(fr), ["it"] = Blank(it) };

    private static JsonArray Split(string? list) =>
        new([.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode?)JsonValue.Create(v))]);

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
