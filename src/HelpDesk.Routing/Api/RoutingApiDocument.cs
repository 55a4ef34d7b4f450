using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Routing.Api;

/// <summary>The service's published OpenAPI document (docs/openapi/routing.json, /openapi/routing.json at the gateway).</summary>
public static class RoutingApiDocument
{
    public static readonly ServiceApiDocument Document = new(
        "routing",
        "Routing",
        "Who works a ticket: routing rules, queues and agents, the service catalogue with its request forms, approvals and fulfilment tasks.",
        typeof(RoutingApiDocument).Assembly,
        new Dictionary<string, string>
        {
            ["Routing"] = "Rules that choose a queue and an agent for every new ticket; queues, agents and their load.",
            ["Approvals"] = "Approval stages of catalogue requests and the decisions of their approvers.",
            ["Fulfilment tasks"] = "The tasks a catalogue request needs done before it is fulfilled.",
            ["Service catalogue"] = "The services requesters can order, with the forms and approvals each needs.",
            ["Reports"] = "Routing reports: agent load and queue throughput.",
        });
}
