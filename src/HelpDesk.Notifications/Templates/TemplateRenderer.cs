using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Fluid;
using Microsoft.Extensions.Caching.Memory;

namespace HelpDesk.Notifications.Templates;

/// <summary>
/// Parses (with a bounded cache) and renders Liquid templates with Fluid. Text parts use no encoding; HTML parts are
/// rendered with <see cref="HtmlEncoder"/>, so values such as a comment body can never inject markup. Every rendering
/// is bounded by <see cref="TemplateLimits"/> (steps, recursion, output size, time).
/// </summary>
public sealed class TemplateRenderer : IDisposable
{
    private static readonly FluidParser Parser = new();

    // Escapes only what HTML needs (&lt; &gt; &amp; quotes); accented letters stay readable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly MemoryCache _cache;
    private readonly TemplateOptions _options = new();
    private readonly TemplateLimits _limits;

    public TemplateRenderer() : this(Microsoft.Extensions.Options.Options.Create(new TemplateLimits()))
    {
    }

    public TemplateRenderer(Microsoft.Extensions.Options.IOptions<TemplateLimits> limits)
    {
        _limits = limits.Value;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = _limits.MaxCachedTemplates, CompactionPercentage = 0.25 });
        // Templates only ever see dictionaries built from events, never CLR objects.
        _options.MemberAccessStrategy.IgnoreCasing = false;
        _options.MaxSteps = _limits.MaxSteps;
        _options.MaxRecursion = _limits.MaxRecursion;
        BoundStringFilters(_options, _limits.MaxOutputChars);
    }

    public int CachedTemplates => (int)_cache.Count;

    public void Dispose() => _cache.Dispose();

    /// <summary>Checks every part of a template; adds parse errors keyed by the part's field name.</summary>
    public static Validation Validate(TemplateSet set, Validation errors)
    {
        Check("subject", set.Subject);
        Check("text", set.Text);
        if (set.Html is not null)
        {
            Check("html", set.Html);
        }
        return errors;

        void Check(string field, string source)
        {
            if (string.IsNullOrWhiteSpace(source) && field != "html")
            {
                errors.Add(field, "The template must not be empty.");
            }
            else if (!Parser.TryParse(source, out _, out var error))
            {
                errors.Add(field, $"Liquid parse error: {error}");
            }
        }
    }

    public RenderedMessage Render(TemplateSet set, TemplateModel model, string ticketNumber)
    {
        var subject = RenderPart(set.Subject, model, NullEncoder.Default).ReplaceLineEndings(" ").Trim();
        // Intake threads replies by the bracketed number: a custom subject that forgot it still gets it.
        var tag = $"[{ticketNumber}]";
        if (!string.IsNullOrEmpty(ticketNumber) && !subject.Contains(tag, StringComparison.Ordinal))
        {
            subject = $"{tag} {subject}";
        }
        var text = RenderPart(set.Text, model, NullEncoder.Default).Trim();
        var html = set.Html is not null
            ? RenderPart(set.Html, model, Html)
            : Layout(RenderPart(set.Text, model, Html).Trim(), subject, model.Language);
        return new RenderedMessage(subject, text, html);
    }

    private string RenderPart(string source, TemplateModel model, TextEncoder encoder)
    {
        var template = _cache.GetOrCreate(source, entry =>
        {
            entry.Size = 1;
            return Parser.TryParse(source, out var parsed, out var error)
                ? parsed
                : throw new InvalidOperationException($"Liquid parse error: {error}");
        })!;
        var context = new TemplateContext(_options);
        context.SetValue("ticket", model.Ticket);
        context.SetValue("event", model.Event);
        context.SetValue("recipient", model.Recipient);
        context.SetValue("language", model.Language);
        using var output = new BoundedWriter(_limits.MaxOutputChars, _limits.RenderTimeout);
        try
        {
            // Fluid renders synchronously unless a filter awaits; blocking here keeps Render synchronous for its callers.
            template.RenderAsync(output, context, encoder).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is (InvalidOperationException or FluidException) and not TemplateLimitException
            && (ex.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("recursion", StringComparison.OrdinalIgnoreCase)))
        {
            // Fluid's own step and recursion limits.
            throw new TemplateLimitException($"The template exceeded a rendering limit: {ex.Message}");
        }
        output.CheckTime();
        return output.ToString();
    }

    /// <summary>Filters that build strings refuse to build one longer than a part may be (e.g. an append that doubles in a loop).</summary>
    private static void BoundStringFilters(TemplateOptions options, int maxChars)
    {
        foreach (var name in new[] { "append", "prepend", "replace", "replace_first", "join", "concat", "repeat" })
        {
            if (!options.Filters.TryGetValue(name, out var inner))
            {
                continue;
            }
            options.Filters.AddFilter(name, async (input, arguments, context) =>
            {
                var result = await inner(input, arguments, context);
                if (result.Type == Fluid.Values.FluidValues.String && result.ToStringValue().Length > maxChars)
                {
                    throw new TemplateLimitException($"A '{name}' filter built a string longer than {maxChars} characters.");
                }
                return result;
            });
        }
    }

    /// <summary>Wraps an already-encoded text rendering in a minimal HTML document: blank lines make paragraphs.</summary>
    private static string Layout(string encodedText, string subject, string language)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(WebUtility.HtmlEncode(language)).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.4\">");
        foreach (var paragraph in encodedText.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>").Append(paragraph.Trim('\n').Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>Turns an event (or any record) into the nested dictionaries templates read, with the wire format's names.</summary>
    public static IDictionary<string, object> ToDictionary(object value, JsonSerializerOptions options)
    {
        var element = JsonSerializer.SerializeToElement(value, value.GetType(), options);
        return ToValue(element) as IDictionary<string, object> ?? new Dictionary<string, object>();
    }

    private static object ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .ToDictionary(p => p.Name, p => ToValue(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => "",
    };
}
