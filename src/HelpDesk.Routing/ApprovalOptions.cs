using HelpDesk.Contracts;

namespace HelpDesk.Routing;

/// <summary>The <c>Routing:Approvals</c> section: links, timeouts scanner, the approver directory, change policies and fulfilment automation.</summary>
public sealed class ApprovalOptions
{
    public const string Section = "Routing:Approvals";

    /// <summary>Public address of the gateway, used to build the signed approval links in e-mails.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>HMAC key for approval links (base64, ≥ 32 bytes). Empty: a key is generated once and kept in the routing database.</summary>
    public string? LinkSigningKey { get; set; }

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often due reminders, timeouts and fulfilment webhooks are looked for.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Approver of requests whose manager is unknown, or of legacy items without an approver.</summary>
    public string? FallbackApprover { get; set; }

    /// <summary>People by id: e-mail and name (ids that are e-mail addresses need no entry).</summary>
    public Dictionary<string, DirectoryPerson> People { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Members (ids or e-mails) of approver groups.</summary>
    public Dictionary<string, List<string>> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Manager (id or e-mail) per requester e-mail, used when the ticket does not carry the manager from the requester's token.</summary>
    public Dictionary<string, string> Managers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Approval stages of a change per risk (Low, Medium, High). High risk adds the CAB stage by default.</summary>
    public Dictionary<ChangeRisk, List<ApprovalStageDefinition>> ChangePolicies { get; set; } = [];

    public TimeSpan AutomationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int AutomationMaxAttempts { get; set; } = 3;

    public TimeSpan AutomationRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<ApprovalStageDefinition> DefaultChangeStages(ChangeRisk risk)
    {
        var manager = new ApprovalStageDefinition("change-manager", ApprovalMode.AnyOf, [new ApproverRef(ApproverKind.Group, "change-managers")],
            RemindAfter: TimeSpan.FromHours(8), Timeout: TimeSpan.FromDays(1), EscalateTo: new ApproverRef(ApproverKind.Group, "change-leads"));
        var cab = new ApprovalStageDefinition("cab", ApprovalMode.AllOf, [new ApproverRef(ApproverKind.Group, "cab")],
            RemindAfter: TimeSpan.FromDays(1), Timeout: TimeSpan.FromDays(3), EscalateTo: new ApproverRef(ApproverKind.Group, "change-leads"));
        return risk == ChangeRisk.High ? [manager, cab] : [manager];
    }

    public IReadOnlyList<ApprovalStageDefinition> ChangeStages(ChangeRisk risk) =>
        ChangePolicies.TryGetValue(risk, out var stages) && stages.Count > 0 ? stages : DefaultChangeStages(risk);
}
