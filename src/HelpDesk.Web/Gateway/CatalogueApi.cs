namespace HelpDesk.Web.Gateway;

/// <summary>Routing's service catalogue through the gateway: the form a portal renders, versions, retirement.</summary>
public static class CatalogueApi
{
    public static Task<ApiResult<CatalogForm>> CatalogFormAsync(this GatewayApi api, string key, string language, CancellationToken cancellationToken) =>
        api.GetAsync<CatalogForm>($"/api/v1/routing/catalog-forms/{Uri.EscapeDataString(key)}?language={Uri.EscapeDataString(language)}", cancellationToken);

    public static Task<ApiResult<CatalogVersion>> CatalogVersionAsync(this GatewayApi api, string key, int version, CancellationToken cancellationToken) =>
        api.GetAsync<CatalogVersion>($"/api/v1/routing/catalog/{Uri.EscapeDataString(key)}/versions/{version}", cancellationToken);

    public static Task<ApiResult<List<CatalogVersionSummary>>> CatalogVersionsAsync(this GatewayApi api, string key, CancellationToken cancellationToken) =>
        api.GetAsync<List<CatalogVersionSummary>>($"/api/v1/routing/catalog/{Uri.EscapeDataString(key)}/versions", cancellationToken);

    public static Task<ApiResult<object>> RetireCatalogItemAsync(this GatewayApi api, string key, CancellationToken cancellationToken) =>
        api.DeleteAsync($"/api/v1/routing/catalog/{Uri.EscapeDataString(key)}", cancellationToken);
}
