using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Sla.Api;
using HelpDesk.Testing;
using Microsoft.Extensions.Time.Testing;
using static HelpDesk.Sla.Tests.Facts;
using HelpDesk.Sla.Domain;

namespace HelpDesk.Sla.Tests;

public sealed class SlaApiTests
{
    private static readonly string[] NineToFive = ["9 to 5"];
    private static readonly int[] TooHigh = [150];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_configuration_the_default_priority_policies_and_business_calendar_apply()
    {
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service with { Settings = new Dictionary<string, string?>() }, time: new FakeTimeProvider(T0));
        var policies = await sla.Client.GetFromJsonAsync<List<DefinitionView<PolicyDefinition>>>("/api/v1/sla/policies", TestJson.Options, Ct);
        Assert.NotNull(policies);
        Assert.Equal(["default", "p1-critical", "p2-high", "p3-medium", "p4-low"], policies.Select(p => p.Name).ToArray());
        Assert.All(policies, p => Assert.Equal(DefinitionSource.Default, p.Source));
        var calendars = await sla.Client.GetFromJsonAsync<List<DefinitionView<CalendarDefinition>>>("/api/v1/sla/calendars", TestJson.Options, Ct);
        Assert.Equal("business-hours", Assert.Single(calendars!).Name);

        // A P3 ticket submitted Monday 08:00 UTC: 4 business hours from 09:00 → due 13:00.
        var ticket = Guid.NewGuid();
        await sla.PublishAsync(Submitted(ticket, T0));
        var view = await sla.WaitForTicketAsync(ticket, v => v.Clocks.Count == 2, "clocks");
        Assert.Equal("p3-medium", view.Policy);
        Assert.Equal(T0.AddHours(5), view.Clocks.Single(c => c.Metric == SlaMetric.FirstResponse).DueAt);
    }

    [Fact]
    public async Task A_ticket_is_found_by_its_number_as_well_as_its_id()
    {
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service with { Settings = new Dictionary<string, string?>() }, time: new FakeTimeProvider(T0));
        var ticket = Guid.NewGuid();
        await sla.PublishAsync(Submitted(ticket, T0) with { TicketNumber = "HD-000042" });
        var byId = await sla.WaitForTicketAsync(ticket, v => v.Clocks.Count == 2, "clocks");

        // Any case, as people type it; the risks list takes numbers and ids mixed.
        var byNumber = await sla.Client.GetFromJsonAsync<TicketSlaView>("/api/v1/sla/tickets/hd-000042", TestJson.Options, Ct);
        Assert.Equal((ticket, "HD-000042", 2), (byNumber!.TicketId, byNumber.TicketNumber, byNumber.Clocks.Count));
        Assert.Equal(byId.Clocks.Select(c => c.DueAt), byNumber.Clocks.Select(c => c.DueAt));
        var risks = await sla.Client.GetFromJsonAsync<List<TicketSlaRisk>>($"/api/v1/sla/tickets?ids=HD-000042,{Guid.NewGuid()}", TestJson.Options, Ct);
        Assert.Equal(ticket, Assert.Single(risks!).TicketId);

        Assert.Equal(HttpStatusCode.NotFound, (await sla.Client.GetAsync("/api/v1/sla/tickets/HD-999999", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await sla.Client.GetAsync("/api/v1/sla/tickets/not%20a%20ticket", Ct)).StatusCode);
        await AssertProblemAsync(await sla.Client.GetAsync("/api/v1/sla/tickets?ids=HD-000042,%3Cscript%3E", Ct), HttpStatusCode.BadRequest, "ids");
    }

    [Fact]
    public async Task Calendars_and_policies_can_be_managed_through_the_API()
    {
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, time: new FakeTimeProvider(T0));
        var calendar = new
        {
            timeZone = "Europe/Rome",
            hours = new Dictionary<string, string[]> { ["Monday"] = ["09:00-13:00", "14:00-18:00"], ["Tuesday"] = ["09:00-18:00"] },
            holidays = new[] { "2025-12-25" },
        };
        var created = await sla.Client.PutAsJsonAsync("/api/v1/sla/calendars/rome-office", calendar, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var policy = new { calendar = "rome-office", organisations = new[] { "ACME" }, resolution = "08:00:00", warningThresholds = new[] { 50 } };
        Assert.Equal(HttpStatusCode.Created, (await sla.Client.PutAsJsonAsync("/api/v1/sla/policies/acme", policy, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sla.Client.PutAsJsonAsync("/api/v1/sla/policies/acme", policy, Ct)).StatusCode);
        var stored = await sla.Client.GetFromJsonAsync<DefinitionView<PolicyDefinition>>("/api/v1/sla/policies/acme", TestJson.Options, Ct);
        Assert.Equal(DefinitionSource.Api, stored!.Source);
        Assert.Equal(TimeSpan.FromHours(8), stored.Definition.Resolution);

        // The new policy is used right away: Monday 08:00 UTC = 10:00 Rome; 7 hours on Monday (lunch 13–14 excluded), the 8th
        // on Tuesday 09:00–10:00 Rome = 08:00 UTC. Half of the target is reached Monday 15:00 Rome = 13:00 UTC.
        var ticket = Guid.NewGuid();
        await sla.PublishAsync(Submitted(ticket, T0, organisation: "acme"));
        var view = await sla.WaitForTicketAsync(ticket, v => v.Clocks.Count > 0, "clocks");
        var resolution = Assert.Single(view.Clocks);
        Assert.Equal(("acme", "rome-office"), (resolution.Policy, resolution.Calendar));
        Assert.Equal(new DateTimeOffset(2025, 6, 3, 8, 0, 0, TimeSpan.Zero), resolution.DueAt);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 13, 0, 0, TimeSpan.Zero), resolution.NextDueAt);

        Assert.Equal(HttpStatusCode.Conflict, (await sla.Client.DeleteAsync("/api/v1/sla/calendars/rome-office", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await sla.Client.DeleteAsync("/api/v1/sla/policies/acme", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await sla.Client.DeleteAsync("/api/v1/sla/calendars/rome-office", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sla.Client.GetAsync("/api/v1/sla/policies/acme", Ct)).StatusCode);
    }

    [Fact]
    public async Task Invalid_definitions_get_400_naming_the_field_and_configured_ones_are_read_only()
    {
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, time: new FakeTimeProvider(T0));
        var badCalendar = await sla.Client.PutAsJsonAsync("/api/v1/sla/calendars/mars", new { timeZone = "Mars/Olympus", hours = new Dictionary<string, string[]> { ["Monday"] = NineToFive } }, Ct);
        await AssertProblemAsync(badCalendar, HttpStatusCode.BadRequest, "timeZone", "hours.Monday");

        var badPolicy = await sla.Client.PutAsJsonAsync("/api/v1/sla/policies/x", new { calendar = "nope", warningThresholds = TooHigh }, Ct);
        await AssertProblemAsync(badPolicy, HttpStatusCode.BadRequest, "calendar", "resolution", "warningThresholds");

        var badName = await sla.Client.PutAsJsonAsync("/api/v1/sla/policies/has%20space", new { resolution = "01:00:00" }, Ct);
        await AssertProblemAsync(badName, HttpStatusCode.BadRequest, "name");

        var wrongType = await sla.Client.PutAsync("/api/v1/sla/policies/x", JsonContent.Create(new { resolution = "soon" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var configured = await sla.Client.PutAsJsonAsync("/api/v1/sla/policies/standard", new { resolution = "01:00:00" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, configured.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sla.Client.DeleteAsync("/api/v1/sla/policies/standard", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sla.Client.GetAsync($"/api/v1/sla/tickets/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Metrics_report_response_and_resolution_times_breach_rate_and_csat_per_queue()
    {
        var time = new FakeTimeProvider(T0);
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, time: time);
        var fast = Guid.NewGuid();
        var slow = Guid.NewGuid();
        var other = Guid.NewGuid();
        await sla.PublishAsync(Submitted(fast, T0));
        await sla.PublishAsync(Routed(fast, T0.AddMinutes(1), "network"));
        await sla.PublishAsync(AgentReply(fast, T0.AddMinutes(10), first: true));
        await sla.PublishAsync(Resolved(fast, T0.AddHours(1)));
        await sla.PublishAsync(Rated(fast, T0.AddHours(2), 5));
        await sla.PublishAsync(Submitted(slow, T0));
        await sla.PublishAsync(Routed(slow, T0.AddMinutes(1), "network"));
        await sla.PublishAsync(AgentReply(slow, T0.AddMinutes(30), first: true));
        await sla.PublishAsync(Resolved(slow, T0.AddHours(6)));
        await sla.PublishAsync(Rated(slow, T0.AddHours(7), 2));
        await sla.PublishAsync(Submitted(other, T0));
        await sla.PublishAsync(Routed(other, T0.AddMinutes(1), "desk"));
        // Each event type has its own queue, so a ticket can be routed before its submission is applied:
        // wait for the submission (clocks exist) as well as the later events.
        // A resolution consumed before the first reply meets the first-response clock at the resolution, until the
        // reply's replay moves it back: wait for the first-response time the reply gives.
        await sla.WaitForTicketAsync(slow, v => Settled(v, firstResponseAt: T0.AddMinutes(30)), "slow ticket resolved");
        await sla.WaitForTicketAsync(fast, v => Settled(v, firstResponseAt: T0.AddMinutes(10)), "fast ticket resolved");
        await sla.WaitForTicketAsync(other, v => v.SubmittedAt != null && v.Clocks.Count > 0 && v.Queue == "desk", "other ticket submitted and routed");
        time.Advance(TimeSpan.FromHours(8));

        var report = await Eventually.GetAsync(async () =>
        {
            var r = await sla.Client.GetFromJsonAsync<SlaMetricsReport>($"/api/v1/sla/metrics?from=2025-06-01&to=2025-06-03", TestJson.Options, Ct);
            return r!.Overall.SatisfactionResponses == 2 ? r : null;
        }, what: "ratings in the metrics");
        Assert.Equal(3, report.Overall.Tickets);
        var network = report.Queues.Single(q => q.Queue == "network");
        Assert.Equal(2, network.Tickets);
        Assert.Equal(new DurationStats(2, 20, 10, 30), network.FirstResponse);
        Assert.Equal(new DurationStats(2, 210, 60, 360), network.TimeToResolve);
        Assert.Equal(3.5, network.SatisfactionAverage);
        // slow: resolution 6 h > 4 h target; other: both clocks still running and past target at T0+8h.
        Assert.Equal(1, network.ClocksBreached);
        Assert.Equal(0.25, network.BreachRate);
        Assert.Equal(1, network.TicketsBreached);
        var desk = report.Queues.Single(q => q.Queue == "desk");
        Assert.Equal(2, desk.ClocksBreached);
        Assert.Equal(3, report.Overall.ClocksBreached);
        Assert.Equal(2, report.Overall.BreachesByMetric[SlaMetric.Resolution]);

        var deskOnly = await sla.Client.GetFromJsonAsync<SlaMetricsReport>("/api/v1/sla/metrics?from=2025-06-01T00:00:00Z&to=2025-06-03T00:00:00Z&queue=desk", TestJson.Options, Ct);
        Assert.Equal(1, deskOnly!.Overall.Tickets);
        var empty = await sla.Client.GetFromJsonAsync<SlaMetricsReport>("/api/v1/sla/metrics?from=2025-07-01&to=2025-07-02", TestJson.Options, Ct);
        Assert.Equal(0, empty!.Overall.Tickets);
        Assert.Null(empty.Overall.BreachRate);

        await AssertProblemAsync(await sla.Client.GetAsync("/api/v1/sla/metrics?from=yesterday", Ct), HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(await sla.Client.GetAsync("/api/v1/sla/metrics?from=2025-06-03&to=2025-06-01", Ct), HttpStatusCode.BadRequest, "to");
    }

    private static bool Settled(TicketSlaView view, DateTimeOffset firstResponseAt) =>
        view.SubmittedAt != null && view.Queue == "network" && view.Clocks.Count > 0 && view.Clocks.All(c => c.Status == ClockStatus.Met)
        && view.Clocks.Any(c => c.Metric == SlaMetric.FirstResponse && c.CompletedAt == firstResponseAt);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var field in fields)
        {
            Assert.Contains(field, errors);
        }
    }
}
