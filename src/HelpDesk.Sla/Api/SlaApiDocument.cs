using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Sla.Api;

/// <summary>The service's published OpenAPI document (docs/openapi/sla.json, /openapi/sla.json at the gateway).</summary>
public static class SlaApiDocument
{
    public static readonly ServiceApiDocument Document = new(
        "sla",
        "SLA",
        "Service-level policies and business calendars, and the response and resolution clocks of every ticket.",
        typeof(SlaApiDocument).Assembly,
        new Dictionary<string, string>
        {
            ["Sla"] = "SLA policies, business calendars and the clocks of each ticket.",
        });
}
