using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Intake.Tests;

/// <summary>The support lead's ticket reports: figures computed from tickets whose history the test wrote step by step.</summary>
public sealed class ReportsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Volumes_first_response_resolution_reopen_rate_and_csat_come_from_the_tickets_in_the_period()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, time: clock);
        var agent = host.ClientAs(TestCallers.Agent());
        var a = await host.SubmitAsync(IntakeUnderTest.NewTicket("Printer jammed", "ada@example.org"));
        var b = await host.SubmitAsync(IntakeUnderTest.NewTicket("VPN drops", "bob@example.org"));

        clock.Advance(TimeSpan.FromMinutes(30));
        (await agent.PostAsJsonAsync($"/api/v1/tickets/{a.Id}/comments", new { body = "Looking at it." }, Ct)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(10));
        (await agent.PostAsJsonAsync($"/api/v1/tickets/{b.Id}/comments", new { body = "Which site?" }, Ct)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(80));
        Assert.Equal(HttpStatusCode.OK, (await host.TransitionAsync(a.Id, TicketStatus.Resolved, new { resolution = "Cleared." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.TransitionAsync(b.Id, TicketStatus.Resolved, new { resolution = "New profile." })).StatusCode);
        var rated = await host.ClientAs(TestCallers.Requester("ada")).PostAsJsonAsync($"/api/v1/tickets/{a.Id}/rating", new { score = 4 }, Ct);
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await host.TransitionAsync(b.Id, TicketStatus.InProgress, new { reason = "still drops" })).StatusCode);
        await host.SubmitAsync(IntakeUnderTest.NewTicket("Monitor flickers", "ada@example.org"));

        var lead = host.ClientAs(TestCallers.Lead());
        var report = await lead.GetFromJsonAsync<JsonElement>("/api/v1/reports/tickets?from=2026-03-01&to=2026-03-05&by=channel", Ct);
        var overall = report.GetProperty("overall");
        Assert.Equal(3, overall.GetProperty("created").GetInt32());
        Assert.Equal(1, overall.GetProperty("resolved").GetInt32()); // b was reopened: no longer resolved
        Assert.Equal(1, overall.GetProperty("reopened").GetInt32());
        Assert.Equal(0.5, overall.GetProperty("reopenRate").GetDouble()); // of the two ever resolved, one came back
        Assert.Equal(2, overall.GetProperty("firstResponse").GetProperty("count").GetInt32());
        Assert.Equal(30, overall.GetProperty("firstResponse").GetProperty("p50Minutes").GetDouble());
        Assert.Equal(40, overall.GetProperty("firstResponse").GetProperty("p90Minutes").GetDouble());
        Assert.Equal(120, overall.GetProperty("resolution").GetProperty("p50Minutes").GetDouble());
        Assert.Equal(1, overall.GetProperty("rated").GetInt32());
        Assert.Equal(4, overall.GetProperty("csatAverage").GetDouble());
        var api = Assert.Single(report.GetProperty("groups").EnumerateArray());
        Assert.Equal("Api", api.GetProperty("key").GetString());

        var daily = await lead.GetFromJsonAsync<JsonElement>("/api/v1/reports/tickets/daily?from=2026-03-01&to=2026-03-04", Ct);
        Assert.Equal(
            [("2026-03-01", 0, 0), ("2026-03-02", 2, 1), ("2026-03-03", 1, 0)],
            daily.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("created").GetInt32(), d.GetProperty("resolved").GetInt32())));
    }

    [Fact]
    public async Task Csv_has_a_header_a_line_per_group_and_defuses_formulas()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        await host.InDbAsync(async db =>
        {
            // A queue name as a person could type it into the routing configuration.
            var row = await db.Tickets.FindAsync([ticket.Id], Ct);
            typeof(Domain.Ticket).GetProperty("Queue")!.SetValue(row, "=HYPERLINK(\"x\")");
            return await db.SaveChangesAsync(Ct);
        });
        var response = await host.ClientAs(TestCallers.Lead()).GetAsync("/api/v1/reports/tickets?format=csv", Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("queue,created,resolved,reopened,reopen_rate,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("(all),1,0,0,,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"'=HYPERLINK(\"\"x\"\")\",1,", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);

        var daily = await host.ClientAs(TestCallers.Lead()).GetAsync("/api/v1/reports/tickets/daily", Ct);
        Assert.Equal("application/json", daily.Content.Headers.ContentType?.MediaType);
        var csv = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/tickets/daily");
        csv.Headers.Accept.ParseAdd("text/csv");
        Assert.StartsWith("date,created,resolved\r\n", await (await host.ClientAs(TestCallers.Lead()).SendAsync(csv, Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-03-05&to=2026-03-01", "to")]
    [InlineData("?from=2024-01-01&to=2026-01-01", "from")]
    [InlineData("?by=colour", "by")]
    [InlineData("?format=xml", "format")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string field)
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var response = await host.ClientAs(TestCallers.Lead()).GetAsync("/api/v1/reports/tickets" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ProblemAsync()).ErrorFields());
    }

    [Fact]
    public async Task Requesters_and_agents_get_no_reports()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.ClientAs(TestCallers.Requester()).GetAsync("/api/v1/reports/tickets", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.ClientAs(TestCallers.Agent()).GetAsync("/api/v1/reports/tickets/daily", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.ClientAs(TestCallers.Admin()).GetAsync("/api/v1/reports/tickets", Ct)).StatusCode);
    }
}
