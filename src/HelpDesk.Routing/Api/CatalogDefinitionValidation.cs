using System.Text.RegularExpressions;
using HelpDesk.Contracts;
using KitValidation = HelpDesk.ServiceDefaults.Http.Validation;

namespace HelpDesk.Routing.Api;

/// <summary>Checks a catalogue item definition field by field, naming each bad field by its JSON path.</summary>
internal static partial class CatalogDefinitionValidation
{
    public const int MaxFields = 50;
    public const int MaxStages = 10;
    public const int MaxTasks = 20;

    public static KitValidation Validate(CatalogItemDefinition? definition)
    {
        var v = new KitValidation();
        if (definition is null)
        {
            return v.Add("body", "A catalogue item definition is required.");
        }
        Text(v, definition.Name, "name", 200, required: true);
        Text(v, definition.Description, "description", 4000, required: true);
        v.MaxLength(definition.Portal, "portal", 100)
            .Required(definition.FulfilmentQueue, "fulfilmentQueue", 100)
            .MaxLength(definition.SlaPolicy, "slaPolicy", 100)
            .Required(definition.Owner, "owner", 200)
            .When(definition.KbArticles is { Count: > 20 }, "kbArticles", "At most 20 linked articles.")
            .When(definition.KbArticles?.Any(a => string.IsNullOrWhiteSpace(a) || a.Length > 200) == true, "kbArticles", "Article ids are 1–200 characters.")
            .When(definition.Keywords is { Count: > 50 }, "keywords", "At most 50 keywords.")
            .When(definition.Keywords?.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 100) == true, "keywords", "Keywords are 1–100 characters.");
        Form(v, definition.Form);
        Approval(v, definition.Approval);
        Fulfilment(v, definition.Fulfilment);
        return v;
    }

    private static void Text(KitValidation v, LocalizedText? text, string field, int maxLength, bool required)
    {
        if (text is null)
        {
            v.When(required, $"{field}.en", $"'{field}.en' is required.");
            return;
        }
        v.When(required && string.IsNullOrWhiteSpace(text.En), $"{field}.en", $"'{field}.en' is required.")
            .MaxLength(text.En, $"{field}.en", maxLength).MaxLength(text.Fr, $"{field}.fr", maxLength).MaxLength(text.It, $"{field}.it", maxLength);
    }

    private static void Form(KitValidation v, CatalogForm? form)
    {
        var fields = form?.Fields ?? [];
        v.When(fields.Count > MaxFields, "form.fields", $"At most {MaxFields} fields.");
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Math.Min(fields.Count, MaxFields); i++)
        {
            var f = fields[i];
            var path = $"form.fields[{i}]";
            if (f is null)
            {
                v.Add(path, "A field is required.");
                continue;
            }
            v.When(f.Key is null || !FieldKey().IsMatch(f.Key), $"{path}.key", "Keys are 1–50 letters, digits or '_', starting with a letter.")
                .When(f.Key is not null && !keys.Add(f.Key), $"{path}.key", $"Key '{f.Key}' is used twice.")
                .Defined<FormFieldType>(f.Type, $"{path}.type");
            Text(v, f.Label, $"{path}.label", 200, required: true);
            Text(v, f.Help, $"{path}.help", 1000, required: false);
            Limits(v, f, path);
        }
    }

    private static void Limits(KitValidation v, FormField f, string path)
    {
        var isText = f.Type is FormFieldType.Text or FormFieldType.Textarea;
        var isNumber = f.Type is FormFieldType.Number or FormFieldType.Integer;
        var isChoice = f.Type is FormFieldType.Choice or FormFieldType.MultiChoice;
        v.When(f.MaxLength is not null && (!isText || f.MaxLength is < 1 or > 20000), $"{path}.maxLength", "maxLength applies to text fields, 1–20000.")
            .When(f.MinLength is not null && (!isText || f.MinLength < 0 || f.MinLength > (f.MaxLength ?? 20000)), $"{path}.minLength", "minLength applies to text fields, 0 … maxLength.")
            .When((f.Minimum is not null || f.Maximum is not null) && !isNumber, $"{path}.minimum", "minimum/maximum apply to number fields.")
            .When(f.Minimum > f.Maximum, $"{path}.maximum", "maximum must be at least minimum.")
            .When(f.Pattern is not null && (!isText || !ValidPattern(f.Pattern)), $"{path}.pattern", "pattern is a valid regular expression of at most 200 characters, for text fields.")
            .When(isChoice && f.Options is not { Count: > 0 and <= 100 }, $"{path}.options", "Choice fields have 1–100 options.")
            .When(!isChoice && f.Options is { Count: > 0 }, $"{path}.options", "Only choice fields have options.")
            .When(f.MaxItems is not null && (f.Type != FormFieldType.MultiChoice || f.MaxItems < 1), $"{path}.maxItems", "maxItems applies to multiChoice fields, ≥ 1.");
        var values = new HashSet<string>(StringComparer.Ordinal);
        for (var o = 0; o < (f.Options?.Count ?? 0); o++)
        {
            var option = f.Options![o];
            v.When(option?.Value is not { Length: > 0 and <= 100 } || !values.Add(option.Value), $"{path}.options[{o}].value", "Option values are unique, 1–100 characters.");
            Text(v, option?.Label, $"{path}.options[{o}].label", 200, required: true);
        }
    }

    private static void Approval(KitValidation v, ApprovalPolicy? policy)
    {
        if (policy is null)
        {
            v.Add("approval", "'approval' is required ({\"preApproved\": true} or stages).");
            return;
        }
        var stages = policy.Stages ?? [];
        v.When(!policy.PreApproved && stages.Count == 0, "approval.stages", "An item that is not pre-approved needs at least one stage.")
            .When(policy.PreApproved && stages.Count > 0, "approval.stages", "A pre-approved item has no stages.")
            .When(stages.Count > MaxStages, "approval.stages", $"At most {MaxStages} stages.");
        for (var s = 0; s < Math.Min(stages.Count, MaxStages); s++)
        {
            var stage = stages[s];
            var path = $"approval.stages[{s}]";
            if (stage is null)
            {
                v.Add(path, "A stage is required.");
                continue;
            }
            v.Required(stage.Name, $"{path}.name", 100)
                .When(stage.Approvers is not { Count: > 0 and <= 50 }, $"{path}.approvers", "A stage has 1–50 approvers.")
                .When(stage.RemindAfter <= TimeSpan.Zero, $"{path}.remindAfter", "remindAfter must be positive.")
                .When(stage.Timeout <= TimeSpan.Zero, $"{path}.timeout", "timeout must be positive.")
                .When(stage.RemindAfter >= stage.Timeout, $"{path}.remindAfter", "remindAfter must come before timeout.")
                .When(stage.EscalateTo is { Kind: not ApproverKind.RequesterManager, Id: not { Length: > 0 and <= 320 } }, $"{path}.escalateTo.id", "A person or group to escalate to needs an id.");
            for (var a = 0; a < (stage.Approvers?.Count ?? 0); a++)
            {
                var approver = stage.Approvers![a];
                v.When(approver is null || approver.Kind != ApproverKind.RequesterManager && approver.Id is not { Length: > 0 and <= 320 },
                    $"{path}.approvers[{a}].id", "A person or group approver needs an id (1–320 characters).");
            }
        }
    }

    private static void Fulfilment(KitValidation v, FulfilmentPlan? plan)
    {
        var tasks = plan?.Tasks ?? [];
        v.When(tasks.Count > MaxTasks, "fulfilment.tasks", $"At most {MaxTasks} tasks.")
            .When(plan?.Automation is { } a && !(Uri.TryCreate(a.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && a.Url.Length <= 2000),
                "fulfilment.automation.url", "An absolute http(s) URL of at most 2000 characters.");
        for (var t = 0; t < Math.Min(tasks.Count, MaxTasks); t++)
        {
            var task = tasks[t];
            v.Required(task?.Name, $"fulfilment.tasks[{t}].name", 100)
                .Required(task?.Queue, $"fulfilment.tasks[{t}].queue", 100)
                .When(task is { Step: < 1 or > 20 }, $"fulfilment.tasks[{t}].step", "Steps are numbered 1–20.");
            Text(v, task?.Title, $"fulfilment.tasks[{t}].title", 200, required: false);
        }
    }

    private static bool ValidPattern(string pattern)
    {
        if (pattern.Length > 200)
        {
            return false;
        }
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,49}$")]
    private static partial Regex FieldKey();
}
