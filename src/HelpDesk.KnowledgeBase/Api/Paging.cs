namespace HelpDesk.KnowledgeBase.Api;

/// <summary>page/pageSize query parameters: pages start at 1, at most 100 items a page.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;

    public static (int Page, int PageSize) Read(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Between 1 and {MaxPageSize}."];
        }
        return (page ?? 1, pageSize ?? 10);
    }
}
