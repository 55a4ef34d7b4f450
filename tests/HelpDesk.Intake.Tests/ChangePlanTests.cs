using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Tests;

/// <summary>
/// A change's risk, window and plans (issue 23): set at submission and in assessment, required before it asks for
/// approval, frozen while the approvers decide, carried in ChangeApprovalRequested; bad plans refused naming the field.
/// </summary>
public sealed class ChangePlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);

    private static readonly string[] CoreNetwork = ["core-network"];

    private static readonly string[] BadServiceName = ["vpn", "bad\u0000name"];

    public static object Plan(string risk = "Low", DateTimeOffset? start = null, DateTimeOffset? end = null, string? backoutPlan = "Boot the previous image from slot 2.") => new
    {
        risk,
        plannedStart = start ?? Start,
        plannedEnd = end ?? (start ?? Start).AddHours(1.5),
        implementationPlan = "Drain to the standby switch, upload 9.3, reboot, check spanning tree.",
        backoutPlan,
        affectedServices = new[] { "core-network", "vpn", "VPN" },
    };

    public static object NewChange(object? plan = null, string impact = "Medium", string type = "Change") => new
    {
        subject = "Upgrade the core switch firmware", description = "Firmware 9.3 fixes the spanning-tree bug.",
        requester = new { email = "ops@example.org" }, type, impact, change = plan,
    };

    private static Task<HttpResponseMessage> PlanAsync(ServiceTestHost host, string idOrNumber, object body) =>
        host.SendAsync(HttpMethod.Put, $"/api/v1/changes/{idOrNumber}/plan", body);

    private static async Task MoveAsync(ServiceTestHost host, Guid id, TicketStatus to) =>
        await (await host.TransitionAsync(id, to)).OkAsync<TicketResponse>();

    [Fact]
    public async Task A_plan_set_at_submission_and_in_assessment_is_frozen_while_the_approvers_decide()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var change = await host.SubmitAsync(NewChange(Plan("Low"), impact: "Low"));
        Assert.Equal((ChangeRisk.Low, Start, Start.AddHours(1.5)), (change.Change!.Risk, change.Change.PlannedStart, change.Change.PlannedEnd));
        Assert.Equal(["core-network", "vpn"], change.Change.AffectedServices);
        Assert.Null(change.Change.MissingForApproval);
        Assert.Null((await host.SubmitAsync(IntakeUnderTest.NewTicket())).Change);

        await MoveAsync(host, change.Id, TicketStatus.Assessment);
        var replanned = await (await PlanAsync(host, change.Number, new { risk = "High", affectedServices = CoreNetwork })).OkAsync<TicketResponse>();
        Assert.Equal((ChangeRisk.High, true), (replanned.Change!.Risk, replanned.Change.Editable));
        Assert.Equal("Drain to the standby switch, upload 9.3, reboot, check spanning tree.", replanned.Change.ImplementationPlan);
        var history = await host.HistoryAsync(change.Id);
        Assert.Contains(history.Entries, e => e.Field == "risk" && e.OldValue == "Low" && e.NewValue == "High");
        Assert.Contains(history.Entries, e => e.Field == "affectedServices" && e.NewValue == "core-network");

        await MoveAsync(host, change.Id, TicketStatus.AwaitingApproval);
        var asked = Assert.Single(await host.OutboxFor(change.Id), e => e.Type == nameof(ChangeApprovalRequested)).Body;
        // The declared risk, not the Low impact it was filed with; the planned window travels with it.
        Assert.Equal("High", asked.GetProperty("risk").GetString());
        Assert.Equal(Start, asked.GetProperty("scheduledStart").GetDateTimeOffset());
        Assert.Equal(Start.AddHours(1.5), asked.GetProperty("scheduledEnd").GetDateTimeOffset());

        var frozen = await (await PlanAsync(host, change.Number, new { risk = "Low" })).ProblemOf(HttpStatusCode.Conflict);
        Assert.Contains("Withdraw it to Assessment", frozen.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var read = await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/changes/{change.Number}", TestJson.Options, Ct);
        Assert.Equal((ChangeRisk.High, false), (read!.Change!.Risk, read.Change.Editable));

        // Withdrawn for rework, it may be re-planned and asks again with the new plan.
        await MoveAsync(host, change.Id, TicketStatus.Assessment);
        await (await PlanAsync(host, change.Number, new { risk = "Medium" })).OkAsync<TicketResponse>();
        await MoveAsync(host, change.Id, TicketStatus.AwaitingApproval);
        var risks = (await host.OutboxFor(change.Id)).Where(e => e.Type == nameof(ChangeApprovalRequested)).Select(e => e.Body.GetProperty("risk").GetString());
        Assert.Equal(["High", "Medium"], risks);
    }

    [Fact]
    public async Task A_change_without_a_complete_plan_cannot_ask_for_approval()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var change = await host.SubmitAsync(NewChange());
        Assert.Equal("risk", change.Change!.MissingForApproval);
        await MoveAsync(host, change.Id, TicketStatus.Assessment);
        Assert.Equal("risk", (await (await host.TransitionAsync(change.Id, TicketStatus.AwaitingApproval)).ProblemOf(HttpStatusCode.UnprocessableEntity)).Field());

        await (await PlanAsync(host, change.Id.ToString(), Plan(backoutPlan: null))).OkAsync<TicketResponse>();
        var missing = await (await host.TransitionAsync(change.Id, TicketStatus.AwaitingApproval)).ProblemOf(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("backoutPlan", missing.Field());
        Assert.Equal(TicketStatus.Assessment, (await host.GetTicketAsync(change.Id)).Status);
        Assert.DoesNotContain(await host.OutboxFor(change.Id), e => e.Type == nameof(ChangeApprovalRequested));

        await (await PlanAsync(host, change.Id.ToString(), new { backoutPlan = "Restore the saved config." })).OkAsync<TicketResponse>();
        await MoveAsync(host, change.Id, TicketStatus.AwaitingApproval);
    }

    [Fact]
    public async Task Bad_plans_are_refused_naming_the_field_and_nothing_is_written()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        async Task<string> SubmitRefusedAsync(object body)
        {
            var response = await host.Client.PostAsJsonAsync("/api/v1/tickets", body, TestJson.Options, Ct);
            return (await response.ProblemOf(HttpStatusCode.BadRequest)).Field();
        }
        Assert.Equal("change.plannedEnd", await SubmitRefusedAsync(NewChange(Plan(end: Start))));
        Assert.Equal("change.plannedEnd", await SubmitRefusedAsync(NewChange(Plan(end: Start.AddMinutes(-1)))));
        Assert.Equal("change.risk", await SubmitRefusedAsync(NewChange(new { risk = "Extreme" })));
        Assert.Equal("change.risk", await SubmitRefusedAsync(NewChange(new { risk = 7 })));
        Assert.Equal("change.implementationPlan", await SubmitRefusedAsync(NewChange(new { implementationPlan = "   " })));
        Assert.Equal("change.backoutPlan", await SubmitRefusedAsync(NewChange(new { backoutPlan = new string('x', 8001) })));
        Assert.Equal("change.affectedServices[1]", await SubmitRefusedAsync(NewChange(new { affectedServices = BadServiceName })));
        Assert.Equal("change.plannedStart", await SubmitRefusedAsync(NewChange(new { plannedStart = "next Friday" })));
        Assert.Equal("change", await SubmitRefusedAsync(NewChange(Plan(), type: "Incident")));
        Assert.Equal(0, await host.InDbAsync(db => db.Tickets.CountAsync()));

        var change = await host.SubmitAsync(NewChange(Plan()));
        var version = change.Version;
        Assert.Equal("plannedEnd", (await (await PlanAsync(host, change.Number, new { plannedEnd = Start.AddHours(-1) })).ProblemOf(HttpStatusCode.BadRequest)).Field());
        Assert.Equal("plannedStart", (await (await PlanAsync(host, change.Number, new { plannedStart = Start.AddDays(1) })).ProblemOf(HttpStatusCode.BadRequest)).Field());
        Assert.Equal("body", (await (await PlanAsync(host, change.Number, new { })).ProblemOf(HttpStatusCode.BadRequest)).Field());
        Assert.Equal("If-Match", (await (await host.SendAsync(HttpMethod.Put, $"/api/v1/changes/{change.Number}/plan", new { risk = "High" }, ifMatch: "\"999\"")).ProblemOf(HttpStatusCode.PreconditionFailed)).Field());
        var incident = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        Assert.Equal(HttpStatusCode.NotFound, (await PlanAsync(host, incident.Number, new { risk = "High" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PlanAsync(host, "HD-999999", new { risk = "High" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/v1/changes/{incident.Number}", Ct)).StatusCode);
        Assert.Equal(version, (await host.GetTicketAsync(change.Id)).Version);
    }

    [Fact]
    public async Task The_schedule_lists_changes_whose_window_overlaps_the_period()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var early = await host.SubmitAsync(NewChange(Plan(start: Start)));
        var late = await host.SubmitAsync(NewChange(Plan(start: Start.AddDays(10))));
        await host.SubmitAsync(NewChange());
        await MoveAsync(host, late.Id, TicketStatus.Assessment);

        async Task<string[]> ScheduleAsync(string query) =>
            [.. (await host.Client.GetFromJsonAsync<TicketResponse[]>($"/api/v1/changes?{query}", TestJson.Options, Ct))!.Select(t => t.Number)];
        Assert.Equal([early.Number, late.Number], await ScheduleAsync($"from={Uri.EscapeDataString(Start.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(Start.AddDays(30).ToString("O"))}"));
        Assert.Equal([early.Number], await ScheduleAsync($"from={Uri.EscapeDataString(Start.AddHours(1).ToString("O"))}&to={Uri.EscapeDataString(Start.AddDays(1).ToString("O"))}"));
        Assert.Equal([late.Number], await ScheduleAsync($"from={Uri.EscapeDataString(Start.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(Start.AddDays(30).ToString("O"))}&status=Assessment"));
        Assert.Equal("status", (await (await host.Client.GetAsync("/api/v1/changes?status=Bogus", Ct)).ProblemOf(HttpStatusCode.BadRequest)).Field());
        Assert.Equal("to", (await (await host.Client.GetAsync($"/api/v1/changes?from={Uri.EscapeDataString(Start.ToString("O"))}&to={Uri.EscapeDataString(Start.AddDays(-1).ToString("O"))}", Ct)).ProblemOf(HttpStatusCode.BadRequest)).Field());
    }
}
