namespace HelpDesk.Web.Gateway;

/// <summary>Intake's ITIL operations through the gateway (scope tickets:agent): links, merge, macros, history.</summary>
public static class TicketWorkApi
{
    public static Task<ApiResult<List<TicketLink>>> LinksAsync(this GatewayApi api, string number, CancellationToken cancellationToken) =>
        api.GetAsync<List<TicketLink>>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/links", cancellationToken);

    public static Task<ApiResult<TicketLink>> LinkAsync(this GatewayApi api, string number, string type, string target, CancellationToken cancellationToken) =>
        api.PostAsync<TicketLink>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/links", new { type, target }, cancellationToken);

    public static Task<ApiResult<object>> MergeAsync(this GatewayApi api, string number, string into, CancellationToken cancellationToken) =>
        api.PostAsync<object>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/merge", new { into }, cancellationToken);

    /// <summary>The first 100 changes, oldest first: the whole story of most tickets.</summary>
    public static Task<ApiResult<TicketHistory>> HistoryAsync(this GatewayApi api, string number, CancellationToken cancellationToken) =>
        api.GetAsync<TicketHistory>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/history", cancellationToken);

    public static Task<ApiResult<List<Macro>>> MacrosAsync(this GatewayApi api, CancellationToken cancellationToken) =>
        api.GetAsync<List<Macro>>("/api/v1/macros", cancellationToken);

    public static Task<ApiResult<Ticket>> ApplyMacroAsync(this GatewayApi api, string number, string macro, CancellationToken cancellationToken) =>
        api.PostAsync<Ticket>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/macro-runs", new { macro }, cancellationToken);
}
