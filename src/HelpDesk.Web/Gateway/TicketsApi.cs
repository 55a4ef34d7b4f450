namespace HelpDesk.Web.Gateway;

/// <summary>Intake through the gateway: what the portal and the agent workspace do with tickets.</summary>
public static class TicketsApi
{
    public static Task<ApiResult<Ticket>> SubmitAsync(this GatewayApi api, object submission, string idempotencyKey, CancellationToken cancellationToken) =>
        api.PostAsync<Ticket>("/api/v1/tickets", submission, cancellationToken, idempotencyKey);

    public static Task<ApiResult<Ticket>> TicketAsync(this GatewayApi api, string number, CancellationToken cancellationToken) =>
        api.GetAsync<Ticket>($"/api/v1/tickets/{Uri.EscapeDataString(number)}", cancellationToken);

    public static Task<ApiResult<TicketPage>> ListAsync(this GatewayApi api, string query, CancellationToken cancellationToken) =>
        api.GetAsync<TicketPage>($"/api/v1/tickets?{query}", cancellationToken);

    public static Task<ApiResult<List<Comment>>> CommentsAsync(this GatewayApi api, string number, bool includeInternal, CancellationToken cancellationToken) =>
        api.GetAsync<List<Comment>>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/comments{(includeInternal ? "?includeInternal=true" : "")}", cancellationToken);

    public static Task<ApiResult<Comment>> CommentAsync(this GatewayApi api, string number, string body, bool isPublic, CancellationToken cancellationToken) =>
        api.PostAsync<Comment>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/comments", new { body, isPublic }, cancellationToken);

    public static Task<ApiResult<Ticket>> TransitionAsync(this GatewayApi api, string number, string to, int expectedVersion, string? reason, string? resolution, CancellationToken cancellationToken) =>
        api.PostAsync<Ticket>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/transitions", new { to, expectedVersion, reason, resolution }, cancellationToken);

    public static Task<ApiResult<Ticket>> RateAsync(this GatewayApi api, string number, int score, string? comment, CancellationToken cancellationToken) =>
        api.PostAsync<Ticket>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/rating", new { score, comment }, cancellationToken);

    public static Task<ApiResult<Ticket>> ReassignAsync(this GatewayApi api, string number, string? agentId, string? agentName, string? queue, CancellationToken cancellationToken) =>
        api.PutAsync<Ticket>($"/api/v1/tickets/{Uri.EscapeDataString(number)}/assignment", new { agentId, agentName, queue }, cancellationToken);

    public static Task<ApiResult<Ticket>> SetPriorityAsync(this GatewayApi api, string number, string priority, int version, CancellationToken cancellationToken) =>
        api.PatchAsync<Ticket>($"/api/v1/tickets/{Uri.EscapeDataString(number)}", new { priority }, version, cancellationToken);
}
