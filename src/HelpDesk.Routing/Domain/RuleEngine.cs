using System.Text.RegularExpressions;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// Evaluates rules in priority order (lowest number first, then name); the first whose conditions all hold wins.
/// Within one condition any listed value suffices; an empty list does not constrain.
/// </summary>
public static class RuleEngine
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    public static IOrderedEnumerable<RoutingRule> InEvaluationOrder(IEnumerable<RoutingRule> rules) =>
        rules.OrderBy(r => r.Priority).ThenBy(r => r.Name, StringComparer.Ordinal);

    public static RuleEvaluation Evaluate(IEnumerable<RoutingRule> rules, TicketFacts ticket)
    {
        var checks = new List<RuleCheck>();
        foreach (var rule in InEvaluationOrder(rules))
        {
            if (!rule.Enabled)
            {
                checks.Add(new RuleCheck(rule.Name, rule.Priority, false, "disabled"));
                continue;
            }
            var failure = FirstFailure(rule, ticket);
            if (failure is not null)
            {
                checks.Add(new RuleCheck(rule.Name, rule.Priority, false, failure));
                continue;
            }
            checks.Add(new RuleCheck(rule.Name, rule.Priority, true, DescribeMatch(rule, ticket)));
            return new RuleEvaluation(rule, checks);
        }
        return new RuleEvaluation(null, checks);
    }

    private static string? FirstFailure(RoutingRule rule, TicketFacts ticket)
    {
        if (rule.Types.Count > 0 && !rule.Types.Contains(ticket.Type))
        {
            return $"type {ticket.Type} not in [{string.Join(", ", rule.Types)}]";
        }
        if (rule.Channels.Count > 0 && !rule.Channels.Contains(ticket.Channel))
        {
            return $"channel {ticket.Channel} not in [{string.Join(", ", rule.Channels)}]";
        }
        if (rule.Organisations.Count > 0 && !rule.Organisations.Any(o => string.Equals(o, ticket.Organisation?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return $"organisation '{ticket.Organisation}' not in [{string.Join(", ", rule.Organisations)}]";
        }
        if (rule.Tags.Count > 0 && !rule.Tags.Any(t => ticket.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            return $"no tag of [{string.Join(", ", rule.Tags)}]";
        }
        if (rule.Keywords.Count > 0 && MatchingKeywords(rule, ticket).Count == 0)
        {
            return $"no keyword of [{string.Join(", ", rule.Keywords)}] in subject or description";
        }
        return null;
    }

    private static string DescribeMatch(RoutingRule rule, TicketFacts ticket)
    {
        var parts = new List<string>();
        if (rule.Types.Count > 0) parts.Add($"type {ticket.Type}");
        if (rule.Channels.Count > 0) parts.Add($"channel {ticket.Channel}");
        if (rule.Organisations.Count > 0) parts.Add($"organisation '{ticket.Organisation}'");
        if (rule.Tags.Count > 0) parts.Add($"tag {string.Join(", ", rule.Tags.Where(t => ticket.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))}");
        if (rule.Keywords.Count > 0) parts.Add($"keyword {string.Join(", ", MatchingKeywords(rule, ticket).Select(k => $"'{k}'"))}");
        return parts.Count == 0 ? "matches every ticket (no conditions)" : "matched " + string.Join("; ", parts);
    }

    private static List<string> MatchingKeywords(RoutingRule rule, TicketFacts ticket) =>
        rule.Keywords.Where(k => ContainsPhrase(ticket.Subject, k) || ContainsPhrase(ticket.Description, k)).ToList();

    /// <summary>Whole-word, case-insensitive: "vpn" matches "VPN down" but not "vpnclient".</summary>
    public static bool ContainsPhrase(string text, string phrase) =>
        !string.IsNullOrWhiteSpace(phrase) &&
        Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(phrase.Trim())}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
}
