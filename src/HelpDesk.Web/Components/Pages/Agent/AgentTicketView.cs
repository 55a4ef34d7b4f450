namespace HelpDesk.Web.Components.Pages.Agent;

/// <summary>Everything the agent ticket page shows, loaded in parallel from the services that own each part.</summary>
public sealed class AgentTicketView
{
    public Ticket? Ticket { get; private init; }
    public IReadOnlyList<Comment> Comments { get; private init; } = [];
    public RoutingDecision? Decision { get; private init; }
    public TicketSla? Sla { get; private init; }
    public KbTicketSuggestions? Suggestions { get; private init; }
    public IReadOnlyList<NotificationDelivery> Deliveries { get; private init; } = [];

    /// <summary>The catalogue item version a request was filed against (its questions label the answers).</summary>
    public CatalogVersion? Item { get; private init; }

    /// <summary>Why the ticket could not be read, when it was not simply missing (404): a 429, a 5xx, a timeout.</summary>
    public ApiProblem? Problem { get; private init; }

    public static async Task<AgentTicketView> LoadAsync(GatewayApi api, string number, CancellationToken cancellationToken)
    {
        var read = await api.TicketAsync(number, cancellationToken);
        if (read.Value is not { } ticket)
        {
            return new AgentTicketView { Problem = read.Status == StatusCodes.Status404NotFound ? null : read.Problem };
        }
        var comments = api.CommentsAsync(number, includeInternal: true, cancellationToken);
        var decision = api.RoutingAsync(ticket.Id, cancellationToken);
        var sla = api.SlaAsync(ticket.Id, cancellationToken);
        var suggestions = api.KbSuggestionsAsync(ticket.Id, cancellationToken);
        var deliveries = api.DeliveriesAsync(ticket.Id, cancellationToken);
        var item = ticket is { CatalogItem: { } key, CatalogItemVersion: { } version }
            ? api.CatalogVersionAsync(key, version, cancellationToken)
            : Task.FromResult(new ApiResult<CatalogVersion>(null, StatusCodes.Status404NotFound, null));
        return new AgentTicketView
        {
            Ticket = ticket,
            Comments = (await comments).Value ?? [],
            Decision = (await decision).Value,
            Sla = (await sla).Value,
            Suggestions = (await suggestions).Value,
            Deliveries = (await deliveries).Value ?? [],
            Item = (await item).Value,
        };
    }
}
