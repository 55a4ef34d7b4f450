namespace HelpDesk.Routing.Infrastructure;

public sealed class CatalogItemSeed
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public bool PreApproved { get; set; }
    public string? Approver { get; set; }
    public List<string> Keywords { get; set; } = [];
}
