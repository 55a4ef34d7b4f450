using HelpDesk.Routing.Infrastructure.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Domain;

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
        var confident = prediction is not null && prediction.Confidence >= settings.ModelConfidenceThreshold;
        var placement = evaluation.Match is { } rule
            ? ByRule(rule, evaluation.Checks[^1], confident ? prediction : null, ticket, settings)
            : confident
                ? ByModel(prediction!, evaluation, ticket, settings)
                : ByDefault(prediction, evaluation, ticket, settings);

        var (approval, approver, catalogItem) = await DecideApprovalAsync(db, ticket, settings, cancellationToken);
        var explanation = placement.Explanation + approval switch
        {
            ApprovalState.NotRequired => "",
            ApprovalState.AutoApproved => $" Catalogue item '{catalogItem}' is pre-approved.",
            _ => $" Awaiting approval by '{approver}'{(catalogItem is null ? " (no catalogue item matched)" : $" for catalogue item '{catalogItem}'")}.",
        };
        return new RoutingDecision(placement.Queue, placement.Category, placement.DecidedBy, placement.Confidence, explanation,
            placement.PriorityOverride, placement.Tags, approval, approver, catalogItem, evaluation.Checks, prediction);
    }

    /// <summary>The first matching rule sets the queue; its category, else the confident model's, else the default one.</summary>
    private static Placement ByRule(RoutingRule rule, RuleCheck matched, ClassifierPrediction? confidentPrediction, TicketFacts ticket, RoutingOptions settings)
    {
        var tags = ticket.Tags.ToList();
        tags.AddRange(rule.AddTags.Where(t => !tags.Contains(t, StringComparer.OrdinalIgnoreCase)));
        var because = $"Rule '{rule.Name}' (priority {rule.Priority}) {matched.Reason}";
        var decidedBy = $"rule:{rule.Name}";
        if (rule.Category is { Length: > 0 } ruleCategory)
        {
            return new Placement(rule.Queue, ruleCategory, decidedBy, null, $"{because}.", rule.PriorityOverride, tags);
        }
        if (confidentPrediction is { } prediction)
        {
            return new Placement(rule.Queue, prediction.Category, decidedBy, prediction.Confidence,
                $"{because}; it sets no category, so the model's '{prediction.Category}' ({prediction.Confidence:0.00}) was used.", rule.PriorityOverride, tags);
        }
        return new Placement(rule.Queue, settings.DefaultCategory, decidedBy, null,
            $"{because}; it sets no category and the model was not confident, so the default category applies.", rule.PriorityOverride, tags);
    }

    /// <summary>No rule matched and the model is confident: its category, and that category's queue.</summary>
    private static Placement ByModel(ClassifierPrediction prediction, RuleEvaluation evaluation, TicketFacts ticket, RoutingOptions settings)
    {
        var category = prediction.Category;
        var queue = settings.CategoryQueues.TryGetValue(category, out var mapped) ? mapped : settings.DefaultQueue;
        return new Placement(queue, category, "model", prediction.Confidence,
            $"No rule matched ({evaluation.Checks.Count} checked); the classifier predicted '{category}' with confidence {prediction.Confidence:0.00} ≥ threshold {settings.ModelConfidenceThreshold:0.00}.",
            null, ticket.Tags);
    }

    /// <summary>Neither a rule nor a confident model: the default queue and category.</summary>
    private static Placement ByDefault(ClassifierPrediction? prediction, RuleEvaluation evaluation, TicketFacts ticket, RoutingOptions settings) =>
        new(settings.DefaultQueue, settings.DefaultCategory, "default", prediction?.Confidence,
            prediction is null
                ? $"No rule matched ({evaluation.Checks.Count} checked) and no classifier is trained; default queue and category."
                : $"No rule matched ({evaluation.Checks.Count} checked); the classifier's best guess '{prediction.Category}' had confidence {prediction.Confidence:0.00} < threshold {settings.ModelConfidenceThreshold:0.00}; default queue and category.",
            null, ticket.Tags);

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

    /// <summary>Where a ticket goes and why, before approval is decided.</summary>
    private sealed record Placement(
        string Queue, string Category, string DecidedBy, double? Confidence, string Explanation, TicketPriority? PriorityOverride, IReadOnlyList<string> Tags);
}
