namespace HelpDesk.Routing.Domain;

public sealed record RuleCheck(string Rule, int Priority, bool Matched, string Reason);
