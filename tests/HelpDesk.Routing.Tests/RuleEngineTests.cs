using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Tests;

public sealed class RuleEngineTests
{
    private static RoutingRule Rule(string name, int priority, string queue = "q") => new() { Id = Guid.NewGuid(), Name = name, Priority = priority, Queue = queue };

    private static TicketFacts Ticket(string subject, TicketType type = TicketType.Incident, TicketChannel channel = TicketChannel.Email, string? organisation = null, params string[] tags) =>
        new(type, channel, organisation, subject, "", tags);

    [Fact]
    public void First_matching_rule_in_priority_order_wins_and_earlier_misses_are_explained()
    {
        var vpn = Rule("vpn", 20, "network");
        vpn.Keywords = ["vpn"];
        var email = Rule("email-channel", 10, "email-desk");
        email.Channels = [TicketChannel.Email];
        email.Organisations = ["Contoso"];
        var catchAll = Rule("catch-all", 99, "service-desk");

        var evaluation = RuleEngine.Evaluate([catchAll, vpn, email], Ticket("VPN keeps dropping", organisation: "Fabrikam"));

        Assert.Same(vpn, evaluation.Match);
        Assert.Equal(["email-channel", "vpn"], evaluation.Checks.Select(c => c.Rule));
        Assert.False(evaluation.Checks[0].Matched);
        Assert.Contains("organisation 'Fabrikam'", evaluation.Checks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("keyword 'vpn'", evaluation.Checks[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void All_conditions_must_hold_and_any_value_within_a_condition_suffices()
    {
        var rule = Rule("security", 1);
        rule.Types = [TicketType.Incident, TicketType.Problem];
        rule.Tags = ["security", "phishing"];
        rule.Keywords = ["suspicious email", "malware"];

        Assert.NotNull(RuleEngine.Evaluate([rule], Ticket("Got a Suspicious Email today", tags: "PHISHING")).Match);
        Assert.Null(RuleEngine.Evaluate([rule], Ticket("Got a suspicious email today")).Match);
        Assert.Null(RuleEngine.Evaluate([rule], Ticket("Got a suspicious email today", TicketType.ServiceRequest, tags: "phishing")).Match);
        Assert.Null(RuleEngine.Evaluate([rule], Ticket("Printer jammed", tags: "phishing")).Match);
    }

    [Fact]
    public void Keywords_match_whole_words_only_and_disabled_rules_are_skipped()
    {
        var vpn = Rule("vpn", 1);
        vpn.Keywords = ["vpn"];
        Assert.Null(RuleEngine.Evaluate([vpn], Ticket("install vpnclient")).Match);
        Assert.NotNull(RuleEngine.Evaluate([vpn], Ticket("vpn: cannot connect")).Match);

        vpn.Enabled = false;
        var evaluation = RuleEngine.Evaluate([vpn], Ticket("vpn: cannot connect"));
        Assert.Null(evaluation.Match);
        Assert.Equal("disabled", evaluation.Checks.Single().Reason);
    }

    [Fact]
    public void Equal_priorities_are_ordered_by_name_so_evaluation_is_deterministic()
    {
        var b = Rule("b-rule", 5);
        var a = Rule("a-rule", 5);
        Assert.Same(a, RuleEngine.Evaluate([b, a], Ticket("anything")).Match);
    }
}
