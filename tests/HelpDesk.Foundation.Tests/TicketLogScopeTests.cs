using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Embedded;
using HelpDesk.ServiceDefaults;
using HelpDesk.Testing;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// What the dashboard's structured logs show for one ticket: every record a consumer writes while handling the
/// ticket's messages carries its number and id as attributes, and every consume span carries the number as a tag.
/// Records are taken from the services' own OpenTelemetry logging pipeline (the one the OTLP exporter reads), with
/// EF Core's command log switched on, so the records come from the real handlers' database work.
/// </summary>
public sealed class TicketLogScopeTests
{
    [Fact]
    public async Task Every_log_record_written_while_consuming_a_tickets_messages_carries_its_number()
    {
        var cancel = TestContext.Current.CancellationToken;
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var records = new ConcurrentBag<CapturedLog>();
        using var data = new TempDirectory("helpdesk-log-scope");
        string[] args = ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information"];
        await using var platform = await EmbeddedPlatform.StartAsync(data.Path, args,
            builder => builder.Logging.AddOpenTelemetry(o =>
            {
                // As ServiceDefaults sets them when an OTLP endpoint is configured (without one it adds no OTel logging).
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
                o.AddProcessor(new CaptureProcessor(records));
            }), cancel);
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", File.ReadAllText(EmbeddedPlatform.LocalKeyFile(data.Path)).Trim());

        using var created = await client.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "VPN drops every ten minutes",
            description = "Since the client update the tunnel resets.",
            requesterEmail = "scope@example.org",
        }, cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancel);
        var id = ticket.GetProperty("id").GetGuid();
        Assert.NotEqual(Guid.Empty, id);
        var number = ticket.GetProperty("number").GetString();

        // The ticket's trace: the one of its submission (see TraceTests), which every consumer of its events joins. The
        // listener also hears the tests of this assembly that run in parallel, their POSTs too (taking the first POST
        // picked another test's trace now and then), so the submission is the POST whose trace carries this ticket's number.
        var trace = (ActivityTraceId)await Eventually.GetAsync(() => Task.FromResult(SubmissionTrace(spans, number)),
            TimeSpan.FromSeconds(60), "the ticket's submission trace");
        string[] services = ["HelpDesk.Routing", "HelpDesk.Intake", "HelpDesk.Sla", "HelpDesk.Notifications", "HelpDesk.KnowledgeBase"];
        await Eventually.TrueAsync(() => Task.FromResult(services.All(s => RecordsIn(records, ConsumeSpans(spans, trace, s)).Any())),
            TimeSpan.FromSeconds(60), "log records inside the consume spans of every service for the ticket");

        foreach (var service in services)
        {
            var consumes = ConsumeSpans(spans, trace, service).ToList();
            Assert.All(consumes, span => Assert.Contains(span.Chain, s => Equals(s.GetTagItem(HelpDeskTelemetry.TicketNumberTag), number)));
            var written = RecordsIn(records, consumes).ToList();
            Assert.NotEmpty(written);
            Assert.All(written, r =>
            {
                Assert.True(r.Scope.TryGetValue("TicketNumber", out var scoped) && Equals(scoped, number),
                    $"{service}: \"{r.Message}\" ({r.Category}) has no TicketNumber {number} attribute");
                Assert.Equal(id, r.Scope["TicketId"]);
            });
        }
    }

    /// <summary>The trace of the POST that has a MassTransit span tagged with the ticket's number, boxed; null until there is one.</summary>
    private static object? SubmissionTrace(IEnumerable<Activity> spans, string? number)
    {
        var tagged = spans.Where(s => s.Source.Name == "MassTransit" && Equals(s.GetTagItem(HelpDeskTelemetry.TicketNumberTag), number))
            .Select(s => s.TraceId).ToHashSet();
        return spans.Where(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
                && s.DisplayName.StartsWith("POST", StringComparison.Ordinal) && tagged.Contains(s.TraceId))
            .Select(s => (object?)s.TraceId).FirstOrDefault();
    }

    /// <summary>A consumer's span with its MassTransit parents (receive): the spans a consumer's log records belong to.</summary>
    private sealed record ConsumeSpan(Activity Span, IReadOnlyList<Activity> Chain);

    /// <summary>
    /// The consume spans of one service in the trace (its consumer types live in the service's namespace), each with
    /// the MassTransit spans around it.
    /// </summary>
    private static IEnumerable<ConsumeSpan> ConsumeSpans(IEnumerable<Activity> spans, ActivityTraceId trace, string serviceNamespace) =>
        spans.Where(s => s.TraceId == trace && s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
                && s.TagObjects.Any(t => t.Value is string value && value.StartsWith(serviceNamespace + ".", StringComparison.Ordinal)))
            .Select(s => new ConsumeSpan(s, [.. Ancestry(s).TakeWhile(a => a.Source.Name == "MassTransit")]));

    private static IEnumerable<Activity> Ancestry(Activity span)
    {
        for (var current = span; current is not null; current = current.Parent)
        {
            yield return current;
        }
    }

    private static IEnumerable<CapturedLog> RecordsIn(IEnumerable<CapturedLog> records, IEnumerable<ConsumeSpan> consumes)
    {
        var ids = consumes.SelectMany(c => c.Chain).Select(s => s.SpanId).ToHashSet();
        return records.Where(r => ids.Contains(r.SpanId));
    }

    private sealed record CapturedLog(ActivitySpanId SpanId, string? Category, string? Message, Dictionary<string, object?> Scope);

    /// <summary>Copies what the exporter would send: the span the record belongs to and its scope attributes.</summary>
    private sealed class CaptureProcessor(ConcurrentBag<CapturedLog> records) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            if (data.SpanId == default)
            {
                return;
            }
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            data.ForEachScope((s, state) =>
            {
                foreach (var item in s)
                {
                    state[item.Key] = item.Value;
                }
            }, scope);
            records.Add(new CapturedLog(data.SpanId, data.CategoryName, data.FormattedMessage ?? data.Body, scope));
        }
    }
}
