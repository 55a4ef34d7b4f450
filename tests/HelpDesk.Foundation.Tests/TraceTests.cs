using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Embedded;
using HelpDesk.ServiceDefaults;
using HelpDesk.Testing;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// What the dashboard shows for one ticket: a single trace from the gateway's request through intake, the outbox
/// (the row keeps the request's traceparent) and the bus to every consumer. Spans are collected in memory from the
/// same ActivitySources the OTLP exporter reads.
/// </summary>
public sealed class TraceTests
{
    private const string ClientSourceName = "HelpDesk.Foundation.Tests.Client";
    private static readonly ActivitySource ClientSource = new(ClientSourceName);

    [Fact]
    public async Task One_submitted_ticket_is_one_trace_from_the_gateway_through_the_outbox_to_every_consumer()
    {
        var cancel = TestContext.Current.CancellationToken;
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "MassTransit" or "System.Net.Http" or ClientSourceName || source.Name == HelpDeskTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var data = new TempDirectory("helpdesk-trace");
        await using var platform = await EmbeddedPlatform.StartAsync(data.Path, ["--Logging:LogLevel:Default=Warning"], cancel);
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", File.ReadAllText(EmbeddedPlatform.LocalKeyFile(data.Path)).Trim());

        // The listener hears every test of this assembly (test classes run in parallel, several submit tickets), so the
        // client's request runs under a root span of its own and the trace is told apart by that root's id.
        ActivityTraceId trace;
        HttpResponseMessage created;
        using (var root = ClientSource.StartActivity("submit a ticket", ActivityKind.Client)!)
        {
            trace = root.TraceId;
            created = await client.PostAsJsonAsync("/api/v1/tickets", new
            {
                subject = "Laptop will not dock",
                description = "The dock is not detected since this morning.",
                requesterEmail = "trace@example.org",
            }, cancel);
        }
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticketId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancel)).GetProperty("id").GetGuid();
        string[] services = ["HelpDesk.Routing", "HelpDesk.Intake", "HelpDesk.Sla", "HelpDesk.Notifications"];
        await Eventually.TrueAsync(() => Task.FromResult(services.All(service => ConsumedIn(spans, trace, service))),
            TimeSpan.FromSeconds(60), "consumer spans of routing, intake, SLA and notifications in the ticket's trace");

        // The submission's server spans: the gateway's, and intake's behind it (YARP forwards the same path).
        var inTrace = spans.Where(s => s.TraceId == trace).ToList();
        Assert.Equal(2, inTrace.Count(IsSubmission));
        var publish = Assert.Single(inTrace, s => s.DisplayName == "outbox publish" && Equals(s.GetTagItem("messaging.message.type"), "TicketSubmitted"));
        Assert.Equal(ticketId.ToString(), publish.GetTagItem(HelpDeskTelemetry.TicketIdTag)?.ToString());
        Assert.All(services, service => Assert.True(ConsumedIn(spans, trace, service), $"no {service} consumer span in the trace"));
    }

    private static bool IsSubmission(Activity span) =>
        span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server && span.DisplayName.StartsWith("POST", StringComparison.Ordinal)
        && (span.GetTagItem("url.path") as string ?? span.DisplayName).EndsWith("/api/v1/tickets", StringComparison.Ordinal);

    /// <summary>A MassTransit consume span of the trace whose consumer type lives in the service's namespace.</summary>
    private static bool ConsumedIn(IEnumerable<Activity> spans, ActivityTraceId trace, string serviceNamespace) =>
        spans.Any(s => s.TraceId == trace && s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
            && s.TagObjects.Any(t => t.Value is string value && value.StartsWith(serviceNamespace + ".", StringComparison.Ordinal)));
}
