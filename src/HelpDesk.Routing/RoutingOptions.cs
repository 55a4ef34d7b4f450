using HelpDesk.Contracts;
using HelpDesk.Routing.Classification;

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
    public Dictionary<string, string> CategoryQueues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

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

public sealed class RuleSeed
{
    public string Name { get; set; } = "";
    public int Priority { get; set; }
    public bool Enabled { get; set; } = true;
    public List<TicketType> Types { get; set; } = [];
    public List<TicketChannel> Channels { get; set; } = [];
    public List<string> Organisations { get; set; } = [];
    public List<string> Keywords { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public string Queue { get; set; } = "";
    public string? Category { get; set; }
    public TicketPriority? PriorityOverride { get; set; }
    public List<string> AddTags { get; set; } = [];
}

public sealed class QueueSeed
{
    public string Name { get; set; } = "";
    public AssignmentStrategy Strategy { get; set; } = AssignmentStrategy.LeastLoaded;
}

public sealed class AgentSeed
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public List<string> Queues { get; set; } = [];
    public List<string> Skills { get; set; } = [];
    public int Capacity { get; set; } = 10;
    public bool OnShift { get; set; } = true;
}

public sealed class CatalogItemSeed
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public bool PreApproved { get; set; }
    public string? Approver { get; set; }
    public List<string> Keywords { get; set; } = [];
}

public sealed class PortalChoiceSeed
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Description { get; set; }
    public TicketType Type { get; set; } = TicketType.Incident;
    public string? Category { get; set; }
    public string? CatalogItem { get; set; }
}
