using HelpDesk.Contracts;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// The head of a catalogue item: its key, keywords and the version in force. Items created through the versioned
/// API carry a full definition per version (<see cref="CatalogItemVersion"/>); older items (name, pre-approved flag,
/// approver) keep working with <see cref="CurrentVersion"/> 0.
/// </summary>
public sealed class CatalogItem
{
    public required string Key { get; set; }
    public required string Name { get; set; }
    public bool PreApproved { get; set; }
    public string? Approver { get; set; }
    public List<string> Keywords { get; set; } = [];

    /// <summary>0 for a legacy item without a definition; otherwise the version new requests get.</summary>
    public int CurrentVersion { get; set; }

    public bool Retired { get; set; }

    /// <summary>HMAC key of the fulfilment webhook; never published, returned once when generated.</summary>
    public string? AutomationSecret { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Replaces a simple item's settings; an approver left blank means the default approver decides.</summary>
    public void Update(string name, bool preApproved, string? approver, IEnumerable<string>? keywords)
    {
        Name = name.Trim();
        PreApproved = preApproved;
        Approver = string.IsNullOrWhiteSpace(approver) ? null : approver.Trim();
        Keywords = Terms.Normalise(keywords);
    }

    /// <summary>Makes <paramref name="definition"/> the next version; requests already filed keep theirs.</summary>
    public (CatalogItemVersion Version, CatalogItemPublished Event) Publish(CatalogItemDefinition definition, string publishedBy, DateTimeOffset now)
    {
        CurrentVersion++;
        Retired = false;
        Name = definition.Name.En;
        PreApproved = definition.Approval.PreApproved;
        Approver = definition.Approval.PreApproved ? null : ApprovalSummary.Of(definition.Approval);
        Keywords = definition.Keywords.ToList();
        UpdatedAt = now;
        var version = new CatalogItemVersion { Key = Key, Version = CurrentVersion, Definition = definition, PublishedAt = now, PublishedBy = publishedBy };
        return (version, new CatalogItemPublished(Key, CurrentVersion, definition, now, publishedBy));
    }

    public CatalogItemRetired Retire(DateTimeOffset now)
    {
        Retired = true;
        UpdatedAt = now;
        return new CatalogItemRetired(Key, CurrentVersion, now);
    }
}
