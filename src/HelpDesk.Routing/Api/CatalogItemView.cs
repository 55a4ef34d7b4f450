namespace HelpDesk.Routing.Api;

public sealed record CatalogItemView(string Key, string Name, bool PreApproved, string? Approver, IReadOnlyList<string> Keywords, int CurrentVersion = 0, bool Retired = false)
{
    public static CatalogItemView From(CatalogItem i) => new(i.Key, i.Name, i.PreApproved, i.Approver, i.Keywords, i.CurrentVersion, i.Retired);
}
