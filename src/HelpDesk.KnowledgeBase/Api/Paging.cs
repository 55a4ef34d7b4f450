namespace HelpDesk.KnowledgeBase.Api;

/// <summary>page/pageSize query parameters: pages start at 1, at most 100 items a page.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;

    public static (int Page, int PageSize) Read(int? page, int? pageSize, Validation validation)
    {
        validation
            .When(page is < 1, "page", "Pages start at 1.")
            .Range(pageSize, "pageSize", 1, MaxPageSize, $"Between 1 and {MaxPageSize}.");
        return (page ?? 1, pageSize ?? 10);
    }
}
