namespace HelpDesk.Intake.Api;

/// <summary>
/// Checks a list of actions (a macro's, or a bulk operation's) and turns it into a <see cref="TicketActionPlan"/>.
/// Errors name <c>{path}[i].field</c> or <c>{path}[i].value</c>: an unknown field, a bad value, an unknown placeholder.
/// </summary>
public static class TicketActionParser
{
    public const int MaxActions = 20;

    public static TicketActionPlan? Parse(IReadOnlyList<MacroAction?>? actions, string path, Validation validation)
    {
        if (actions is null || actions.Count == 0 || actions.Count > MaxActions)
        {
            validation.Add(path, $"Give 1–{MaxActions} actions.");
            return null;
        }
        var plan = new TicketActionPlan(new TicketEdit(), null, null, null, null, null, null);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var (field, value) = (actions[i]?.Field?.Trim() ?? "", actions[i]?.Value?.Trim());
            var at = $"{path}[{i}]";
            if (!TicketActionPlan.Fields.Contains(field))
            {
                validation.Add($"{at}.field", $"Unknown action field '{Shorten(field)}': one of {string.Join(", ", TicketActionPlan.Fields)}.");
                continue;
            }
            if (!seen.Add(field))
            {
                validation.Add($"{at}.field", $"'{field}' is given twice.");
                continue;
            }
            plan = Apply(plan, field, value, $"{at}.value", validation);
        }
        if (plan.Resolution is not null && plan.Status != TicketStatus.Resolved)
        {
            validation.Add(path, "A 'resolution' action needs a 'status' action to Resolved.");
        }
        return validation.IsValid ? plan : null;
    }

    private static TicketActionPlan Apply(TicketActionPlan plan, string field, string? value, string at, Validation validation)
    {
        if (string.IsNullOrEmpty(value))
        {
            validation.Add(at, $"The '{field}' action needs a value.");
            return plan;
        }
        switch (field)
        {
            case "status": return Enum<TicketStatus>(value, at, validation) is { } s ? plan with { Status = s } : plan;
            case "priority": return Enum<TicketPriority>(value, at, validation) is { } p ? plan with { Edit = plan.Edit with { Priority = p } } : plan;
            case "impact": return Enum<ImpactLevel>(value, at, validation) is { } i ? plan with { Edit = plan.Edit with { Impact = i } } : plan;
            case "urgency": return Enum<UrgencyLevel>(value, at, validation) is { } u ? plan with { Edit = plan.Edit with { Urgency = u } } : plan;
            case "type": return Enum<TicketType>(value, at, validation) is { } t ? plan with { Edit = plan.Edit with { Type = t } } : plan;
            case "category": return Text(value, 100, at, validation) ? plan with { Edit = plan.Edit with { Category = value } } : plan;
            case "addTags": return plan with { Edit = plan.Edit with { AddTags = Tags(value, at, validation) } };
            case "removeTags": return plan with { Edit = plan.Edit with { RemoveTags = Tags(value, at, validation) } };
            case "resolution": return Text(value, 4000, at, validation) ? plan with { Resolution = value } : plan;
            case "assignee": return Text(value, 200, at, validation) ? plan with { AssigneeId = value } : plan;
            case "queue": return Text(value, 100, at, validation) ? plan with { Queue = value } : plan;
            case "reply": return Template(value, at, validation) ? plan with { Reply = value } : plan;
            default: return Template(value, at, validation) ? plan with { Note = value } : plan;
        }
    }

    private static T? Enum<T>(string value, string at, Validation validation)
        where T : struct, System.Enum
    {
        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
        {
            return parsed;
        }
        validation.Add(at, $"'{Shorten(value)}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }

    private static bool Text(string value, int max, string at, Validation validation)
    {
        validation.When(value.Length > max, at, $"At most {max} characters.");
        return value.Length <= max;
    }

    private static bool Template(string value, string at, Validation validation)
    {
        var unknown = TicketPlaceholders.Unknown(value).ToList();
        validation.When(unknown.Count > 0, at, $"Unknown placeholder(s) {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}: use {string.Join(", ", TicketPlaceholders.Known.Select(k => "{{" + k + "}}"))}.");
        return unknown.Count == 0 && Text(value, TicketLimits.CommentMaxLength, at, validation);
    }

    private static List<string>? Tags(string value, string at, Validation validation) =>
        TicketValidation.NormaliseTags(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), at, validation);

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
