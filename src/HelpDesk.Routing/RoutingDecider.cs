using HelpDesk.Contracts;
using HelpDesk.Routing.Classification;
using HelpDesk.Routing.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing;

public sealed record RoutingDecision(
    string Queue,
    string Category,
    string DecidedBy,
    double? Confidence,
    string Explanation,
    TicketPriority? PriorityOverride,
    IReadOnlyList<string> Tags,
    ApprovalState Approval,
    string? Approver,
    string? CatalogItem,
    IReadOnlyList<RuleCheck> RuleChecks,
    ClassifierPrediction? Prediction);

/// <summary>
/// Decides queue and category: the first matching rule, else the classifier when confident enough, else the
/// defaults. Service requests also get their approval: pre-approved catalogue items pass, the rest wait for a named approver.
/// </summary>
public sealed class RoutingDecider(TicketClassifier classifier, IOptionsMonitor<RoutingOptions> options)
{
    public async Task<RoutingDecision> DecideAsync(RoutingDbContext db, TicketFacts ticket, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var rules = await db.Rules.AsNoTracking().ToListAsync(cancellationToken);
        var evaluation = RuleEngine.Evaluate(rules, ticket);
        var prediction = classifier.Predict(ticket.Subject, ticket.Description, ticket.Language);
        var threshold = settings.ModelConfidenceThreshold;
        var confident = prediction is not null && prediction.Confidence >= threshold;

        string queue, category, decidedBy, explanation;
        double? confidence = null;
        TicketPriority? priorityOverride = null;
        var tags = ticket.Tags.ToList();
        if (evaluation.Match is { } rule)
        {
            var matched = evaluation.Checks[^1];
            queue = rule.Queue;
            decidedBy = $"rule:{rule.Name}";
            priorityOverride = rule.PriorityOverride;
            tags.AddRange(rule.AddTags.Where(t => !tags.Contains(t, StringComparer.OrdinalIgnoreCase)));
            if (rule.Category is { Length: > 0 } ruleCategory)
            {
                category = ruleCategory;
                explanation = $"Rule '{rule.Name}' (priority {rule.Priority}) {matched.Reason}.";
            }
            else if (confident)
            {
                category = prediction!.Category;
                confidence = prediction.Confidence;
                explanation = $"Rule '{rule.Name}' (priority {rule.Priority}) {matched.Reason}; it sets no category, so the model's '{category}' ({prediction.Confidence:0.00}) was used.";
            }
            else
            {
                category = settings.DefaultCategory;
                explanation = $"Rule '{rule.Name}' (priority {rule.Priority}) {matched.Reason}; it sets no category and the model was not confident, so the default category applies.";
            }
        }
        else if (confident)
        {
            category = prediction!.Category;
            confidence = prediction.Confidence;
            queue = settings.CategoryQueues.TryGetValue(category, out var mapped) ? mapped : settings.DefaultQueue;
            decidedBy = "model";
            explanation = $"No rule matched ({evaluation.Checks.Count} checked); the classifier predicted '{category}' with confidence {prediction.Confidence:0.00} ≥ threshold {threshold:0.00}.";
        }
        else
        {
            queue = settings.DefaultQueue;
            category = settings.DefaultCategory;
            decidedBy = "default";
            confidence = prediction?.Confidence;
            explanation = prediction is null
                ? $"No rule matched ({evaluation.Checks.Count} checked) and no classifier is trained; default queue and category."
                : $"No rule matched ({evaluation.Checks.Count} checked); the classifier's best guess '{prediction.Category}' had confidence {prediction.Confidence:0.00} < threshold {threshold:0.00}; default queue and category.";
        }

        var (approval, approver, catalogItem) = await DecideApprovalAsync(db, ticket, settings, cancellationToken);
        if (approval != ApprovalState.NotRequired)
        {
            explanation += approval == ApprovalState.AutoApproved
                ? $" Catalogue item '{catalogItem}' is pre-approved."
                : $" Awaiting approval by '{approver}'{(catalogItem is null ? " (no catalogue item matched)" : $" for catalogue item '{catalogItem}'")}.";
        }
        return new RoutingDecision(queue, category, decidedBy, confidence, explanation, priorityOverride, tags,
            approval, approver, catalogItem, evaluation.Checks, prediction);
    }

    private static async Task<(ApprovalState, string?, string?)> DecideApprovalAsync(
        RoutingDbContext db, TicketFacts ticket, RoutingOptions settings, CancellationToken cancellationToken)
    {
        if (ticket.Type != TicketType.ServiceRequest)
        {
            return (ApprovalState.NotRequired, null, null);
        }
        CatalogItem? item = null;
        if (!string.IsNullOrWhiteSpace(ticket.CatalogItem))
        {
            var key = ticket.CatalogItem.Trim();
            item = await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        }
        if (item is null)
        {
            var items = await db.CatalogItems.AsNoTracking().OrderBy(i => i.Key).ToListAsync(cancellationToken);
            item = items.FirstOrDefault(i => i.Keywords.Any(k => RuleEngine.ContainsPhrase(ticket.Subject, k)));
        }
        return item switch
        {
            { PreApproved: true } => (ApprovalState.AutoApproved, null, item.Key),
            not null => (ApprovalState.Pending, item.Approver ?? settings.DefaultApprover, item.Key),
            null => (ApprovalState.Pending, settings.DefaultApprover, null),
        };
    }
}
