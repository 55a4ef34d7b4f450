namespace HelpDesk.Routing.Domain;

public sealed class CatalogItem
{
    public required string Key { get; set; }
    public required string Name { get; set; }
    public bool PreApproved { get; set; }
    public string? Approver { get; set; }
    public List<string> Keywords { get; set; } = [];
}
