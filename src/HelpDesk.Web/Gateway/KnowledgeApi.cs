namespace HelpDesk.Web.Gateway;

/// <summary>The knowledge base through the gateway: search, while-typing suggestions, articles and reader feedback.</summary>
public static class KnowledgeApi
{
    public static Task<ApiResult<KbSearchResults>> SearchAsync(this GatewayApi api, string query, string language, int page, CancellationToken cancellationToken) =>
        api.GetAsync<KbSearchResults>($"/api/v1/kb/search?q={Uri.EscapeDataString(query)}&lang={language}&page={page}&pageSize=10", cancellationToken);

    public static Task<ApiResult<KbSuggestions>> SuggestAsync(this GatewayApi api, string subject, string? description, string language, CancellationToken cancellationToken) =>
        api.PostAsync<KbSuggestions>("/api/v1/kb/suggest", new { subject, description = description ?? "", language, limit = 5 }, cancellationToken);

    /// <summary>The article; with the search it was opened from, the KB records the click and the visit (deflection).</summary>
    public static Task<ApiResult<KbArticle>> ArticleAsync(this GatewayApi api, Guid id, Guid? searchId, CancellationToken cancellationToken) =>
        api.GetAsync<KbArticle>($"/api/v1/kb/articles/{id}" + (searchId is { } search ? $"?searchId={search}" : ""), cancellationToken);

    /// <summary>"This solved my problem" without a ticket: the knowledge base counts it as a deflection.</summary>
    public static Task<ApiResult<object>> FeedbackAsync(this GatewayApi api, Guid id, bool helpful, string? comment, Guid? ticketId, CancellationToken cancellationToken) =>
        api.PostAsync<object>($"/api/v1/kb/articles/{id}/feedback", new { helpful, comment, ticketId }, cancellationToken);
}
