namespace HelpDesk.Web.Gateway;

/// <summary>Routing, SLA and notifications through the gateway: what the ticket pages show beside the ticket.</summary>
public static class DeskApi
{
    public static Task<ApiResult<TicketSla>> SlaAsync(this GatewayApi api, Guid ticketId, CancellationToken cancellationToken) =>
        api.GetAsync<TicketSla>($"/api/v1/sla/tickets/{ticketId}", cancellationToken);

    public static Task<ApiResult<RoutingDecision>> RoutingAsync(this GatewayApi api, Guid ticketId, CancellationToken cancellationToken) =>
        api.GetAsync<RoutingDecision>($"/api/v1/routing/tickets/{ticketId}", cancellationToken);

    public static Task<ApiResult<List<QueueInfo>>> QueuesAsync(this GatewayApi api, CancellationToken cancellationToken) =>
        api.GetAsync<List<QueueInfo>>("/api/v1/routing/queues", cancellationToken);

    public static Task<ApiResult<List<ApprovalRequest>>> PendingApprovalsAsync(this GatewayApi api, CancellationToken cancellationToken) =>
        api.GetAsync<List<ApprovalRequest>>("/api/v1/routing/approvals", cancellationToken);

    public static Task<ApiResult<ApprovalRequest>> DecideAsync(this GatewayApi api, Guid ticketId, bool approve, string? reason, CancellationToken cancellationToken) =>
        api.PostAsync<ApprovalRequest>($"/api/v1/routing/approvals/{ticketId}/{(approve ? "approve" : "reject")}", new { reason }, cancellationToken);

    public static Task<ApiResult<List<NotificationDelivery>>> DeliveriesAsync(this GatewayApi api, Guid ticketId, CancellationToken cancellationToken) =>
        api.GetAsync<List<NotificationDelivery>>($"/api/v1/notifications/deliveries?ticketId={ticketId}&limit=50", cancellationToken);

    public static async Task<IReadOnlyDictionary<Guid, SlaRiskInfo>> SlaRisksAsync(this GatewayApi api, IEnumerable<Guid> ticketIds, CancellationToken cancellationToken)
    {
        var ids = string.Join(',', ticketIds);
        if (ids.Length == 0)
        {
            return new Dictionary<Guid, SlaRiskInfo>();
        }
        var answer = await api.GetAsync<List<SlaRiskInfo>>($"/api/v1/sla/tickets?ids={ids}", cancellationToken);
        return (answer.Value ?? []).ToDictionary(r => r.TicketId);
    }

    public static Task<ApiResult<KbTicketSuggestions>> KbSuggestionsAsync(this GatewayApi api, Guid ticketId, CancellationToken cancellationToken) =>
        api.GetAsync<KbTicketSuggestions>($"/api/v1/kb/tickets/{ticketId}", cancellationToken);
}
