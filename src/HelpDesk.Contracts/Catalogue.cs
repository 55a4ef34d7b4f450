namespace HelpDesk.Contracts;

// The service catalogue as data (issue 23). Routing owns it and publishes every version; Intake keeps a read model
// of the forms (to validate answers at submission without calling Routing), SLA and reports read the item's key and
// version from the ticket's events. A published version never changes: a new version is a new record.

/// <summary>Text per language: "en" is required, "fr" and "it" are first-class; readers fall back to "en".</summary>
public sealed record LocalizedText(string En, string? Fr = null, string? It = null)
{
    public string In(string? language) => (language ?? "en").ToLowerInvariant() switch
    {
        var l when l.StartsWith("fr", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(Fr) => Fr!,
        var l when l.StartsWith("it", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(It) => It!,
        _ => En,
    };
}

/// <summary>Field types of a catalogue form; each maps onto a JSON Schema type and format (see docs/catalogue.md).</summary>
#pragma warning disable CA1720 // the names are JSON Schema's type names, which form authors know
public enum FormFieldType { Text, Textarea, Number, Integer, Boolean, Date, Email, Url, Choice, MultiChoice }
#pragma warning restore CA1720

public sealed record FormFieldOption(string Value, LocalizedText Label);

/// <summary>One question of a form. Limits that do not apply to the type are ignored (and refused by the catalogue API).</summary>
public sealed record FormField(
    string Key,
    FormFieldType Type,
    LocalizedText Label,
    bool Required = false,
    int? MinLength = null,
    int? MaxLength = null,
    decimal? Minimum = null,
    decimal? Maximum = null,
    string? Pattern = null,
    IReadOnlyList<FormFieldOption>? Options = null,
    int? MaxItems = null,
    LocalizedText? Help = null);

public sealed record CatalogForm(IReadOnlyList<FormField> Fields);

public enum ApprovalMode { AnyOf, AllOf }

public enum ApproverKind { Person, Group, RequesterManager }

/// <summary>Who approves: a person (user id or e-mail), a group (any member), or the requester's manager.</summary>
public sealed record ApproverRef(ApproverKind Kind, string? Id = null);

public enum ApprovalTimeoutAction { Escalate, Reject }

/// <summary>
/// One stage of an approval: AnyOf (the first decision decides) or AllOf (every approver approves; any rejection
/// rejects). After <paramref name="RemindAfter"/> the undecided approvers are reminded; after <paramref name="Timeout"/>
/// the stage escalates to <paramref name="EscalateTo"/> (who may then decide alone) or is rejected.
/// </summary>
public sealed record ApprovalStageDefinition(
    string Name,
    ApprovalMode Mode,
    IReadOnlyList<ApproverRef> Approvers,
    TimeSpan? RemindAfter = null,
    TimeSpan? Timeout = null,
    ApprovalTimeoutAction OnTimeout = ApprovalTimeoutAction.Escalate,
    ApproverRef? EscalateTo = null);

/// <summary>Pre-approved (no stages), or stages decided in order.</summary>
public sealed record ApprovalPolicy(bool PreApproved, IReadOnlyList<ApprovalStageDefinition> Stages);

/// <summary>A task for a team; tasks with the same step run in parallel, steps run in ascending order.</summary>
public sealed record FulfilmentTaskDefinition(string Name, string Queue, int Step = 1, LocalizedText? Title = null);

/// <summary>Automatic fulfilment: a signed webhook to the system that does the work (its secret stays in Routing).</summary>
public sealed record FulfilmentAutomation(string Url);

public sealed record FulfilmentPlan(IReadOnlyList<FulfilmentTaskDefinition> Tasks, FulfilmentAutomation? Automation = null);

public sealed record CatalogItemDefinition(
    LocalizedText Name,
    LocalizedText Description,
    string? Portal,
    CatalogForm Form,
    ApprovalPolicy Approval,
    FulfilmentPlan Fulfilment,
    string FulfilmentQueue,
    string? SlaPolicy,
    IReadOnlyList<string> KbArticles,
    string Owner,
    IReadOnlyList<string> Keywords);

/// <summary>A new version of a catalogue item (version 1 when created). Consumers upsert by (key, version).</summary>
public sealed record CatalogItemPublished(string Key, int Version, CatalogItemDefinition Definition, DateTimeOffset PublishedAt, string? PublishedBy = null);

/// <summary>The item can no longer be requested; requests already filed keep their version.</summary>
public sealed record CatalogItemRetired(string Key, int LastVersion, DateTimeOffset RetiredAt);


/// <summary>A read model of the catalogue (e.g. Intake's forms) asks for every current version to be published again.</summary>
public sealed record CatalogSnapshotRequested(string RequestedBy, DateTimeOffset RequestedAt);
