namespace HelpDesk.Routing.Domain;

public sealed record RuleEvaluation(RoutingRule? Match, IReadOnlyList<RuleCheck> Checks);
