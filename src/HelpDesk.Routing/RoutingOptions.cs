using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Routing;

/// <summary>The <c>Routing</c> configuration section: defaults, model settings and the seed data for an empty database.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>Queue for tickets no rule or confident model prediction placed.</summary>
    public string DefaultQueue { get; set; } = "service-desk";

    public string DefaultCategory { get; set; } = "General";

    /// <summary>Approver of service requests that match no catalogue item or one without its own approver.</summary>
    public string DefaultApprover { get; set; } = "service-desk-lead";

    /// <summary>The model decides only when its top probability reaches this value (0–1).</summary>
    public double ModelConfidenceThreshold { get; set; } = 0.6;

    /// <summary>Queue for each category the model predicts (e.g. "Hardware": "hardware"); others go to <see cref="DefaultQueue"/>.</summary>
    /// <remarks>The defaults cover the shipped model's categories, so a fresh install routes without set-up; configuration adds or overrides entries.</remarks>
    public Dictionary<string, string> CategoryQueues { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Hardware"] = "hardware",
        ["Access"] = "identity-access",
        ["Administrative rights"] = "identity-access",
        ["Storage"] = "infrastructure",
        ["Purchase"] = "procurement",
        ["HR Support"] = "hr-support",
        ["Internal Project"] = "projects",
        ["Miscellaneous"] = "service-desk",
    };

    /// <summary>How often tickets waiting for an available agent are retried (e.g. when an out-of-office ends).</summary>
    public TimeSpan WaitingTicketSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public ClassifierTrainingOptions Training { get; set; } = new();

    /// <summary>Shipped model and lexicon files.</summary>
    public ClassifierFileOptions Classifier { get; set; } = new();

    public List<RuleSeed> Rules { get; set; } = [];

    public List<QueueSeed> Queues { get; set; } = [];

    public List<AgentSeed> Agents { get; set; } = [];

    public List<CatalogItemSeed> Catalog { get; set; } = [];

    /// <summary>Top-level request choices per portal name.</summary>
    public Dictionary<string, List<PortalChoiceSeed>> Portals { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
