namespace HelpDesk.Routing.Domain;

public sealed class CatalogItem
{
    public required string Key { get; set; }
    public required string Name { get; set; }
    public bool PreApproved { get; set; }
    public string? Approver { get; set; }
    public List<string> Keywords { get; set; } = [];

    /// <summary>Replaces the item's settings; an approver left blank means the default approver decides.</summary>
    public void Update(string name, bool preApproved, string? approver, IEnumerable<string>? keywords)
    {
        Name = name.Trim();
        PreApproved = preApproved;
        Approver = string.IsNullOrWhiteSpace(approver) ? null : approver.Trim();
        Keywords = Terms.Normalise(keywords);
    }
}
