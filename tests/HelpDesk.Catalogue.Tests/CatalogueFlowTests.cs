using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Catalogue.Tests;

/// <summary>The catalogue flows of issue 23 end to end (Intake + Routing over HTTP and the bus), on each stack.</summary>
public abstract class CatalogueFlowTests(Stack stack, PostgresFixture postgres, RabbitMqFixture rabbit)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<CatalogueHost> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null, SmtpServerFixture? smtp = null) =>
        CatalogueHost.StartAsync(stack, postgres, rabbit, settings, time, smtp: smtp);

    private static async Task<SmtpServerFixture> StartSmtpOrSkipAsync()
    {
        if (SmtpServerFixture.UnavailableReason is { } reason)
        {
            InfrastructureRequirement.SkipOrFail(reason);
        }
        return await SmtpServerFixture.StartAsync();
    }

    [Fact]
    public async Task Monitor_request_is_auto_approved_fulfilled_by_its_webhook_and_closed_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_monitor-automation-secret");
        await using var smtp = await StartSmtpOrSkipAsync();
        await using var host = await StartAsync(smtp: smtp);
        await host.PublishItemAsync("monitor", Items.Monitor(receiver.Url.ToString()), automationSecret: receiver.Secret);
        await host.WaitForFormAsync("monitor", 1);

        var ticket = await host.SubmitOkAsync("monitor", new { size = "27", deskNumber = "B-204" });
        var id = ticket.GetProperty("id").GetGuid();
        Assert.Equal(1, ticket.GetProperty("catalogItemVersion").GetInt32());

        var closed = await host.TicketInStatusAsync(id, "Closed");
        Assert.StartsWith("Fulfilled automatically", closed.GetProperty("resolution").GetString(), StringComparison.Ordinal);
        Assert.Equal("27", closed.GetProperty("answers").GetProperty("size").GetString());

        var call = Assert.Single(receiver.Requests);
        Assert.True(call.SignatureValid);
        Assert.Equal(id.ToString(), call.DeliveryId);
        Assert.Equal("B-204", JsonDocument.Parse(call.Body).RootElement.GetProperty("answers").GetProperty("deskNumber").GetString());
        var routed = await host.RoutingAsync(db => db.RoutedTickets.AsNoTracking().SingleAsync(t => t.TicketId == id));
        Assert.Equal((ApprovalState.AutoApproved, FulfilmentState.Fulfilled, 200, (string?)null, "hardware"),
            (routed.Approval, routed.Fulfilment, routed.AutomationStatusCode, routed.AgentId, routed.Queue));
        Assert.True(Assert.Single(await host.RoutingEventsAsync<FulfilmentAutomationAnswered>(id)).Succeeded);
        // The requester hears of it once: one resolution and one closure, and no approval round.
        Assert.Single(await host.IntakeEventsAsync<TicketResolved>(id));
        Assert.Single(await host.IntakeEventsAsync<TicketClosed>(id));
        Assert.Empty(await host.RoutingEventsAsync<TicketApprovalRequested>(id));
        Assert.Equal("p3-medium", Assert.Single(await host.RoutingEventsAsync<TicketRouted>(id)).SlaPolicy);

        // What reached her mailbox: the acknowledgement of the request, then one mail saying it was done (with the answer).
        await host.NotificationsSettledAsync(id);
        var number = ticket.GetProperty("number").GetString()!;
        var mails = CatalogueHost.MailsTo(smtp, "ada@example.org").Where(m => (m.Subject ?? "").Contains(number, StringComparison.Ordinal)).ToList();
        var delivered = await host.NotificationsAsync(db => db.Deliveries.AsNoTracking().Where(d => d.TicketId == id && d.Recipient == "ada@example.org")
            .OrderBy(d => d.CreatedAt).Select(d => d.EventType).ToListAsync());
        Assert.Equal(["ticket.submitted", "ticket.resolved"], delivered);
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => (m.TextBody ?? "").Contains("Fulfilled automatically", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_fulfilment_webhook_hands_the_request_to_a_person()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_monitor-automation-secret");
        receiver.Mode = ReceiverMode.Fail;
        await using var host = await StartAsync();
        await host.Client.PutAsJsonAsync("/api/v1/routing/agents/hw-1", new { name = "Hardware One", email = "hw1@desk.example", queues = TestValues.Of("hardware"), skills = Array.Empty<string>(), capacity = 10, onShift = true }, TestJson.Options, Cancel);
        await host.PublishItemAsync("monitor", Items.Monitor(receiver.Url.ToString()), automationSecret: receiver.Secret);
        await host.WaitForFormAsync("monitor", 1);

        var id = (await host.SubmitOkAsync("monitor", new { size = "24" })).GetProperty("id").GetGuid();

        var assigned = await host.TicketInStatusAsync(id, "Assigned");
        Assert.Equal("hw-1", assigned.GetProperty("assigneeId").GetString());
        Assert.Equal(2, receiver.Requests.Count);
        var answered = Assert.Single(await host.RoutingEventsAsync<FulfilmentAutomationAnswered>(id));
        Assert.Equal((false, 500), (answered.Succeeded, answered.StatusCode));
        Assert.Empty(await host.IntakeEventsAsync<TicketResolved>(id));
    }

    [Fact]
    public async Task Software_request_waits_for_the_manager_is_reminded_approved_by_link_and_resolved_when_both_teams_finish()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var smtp = await StartSmtpOrSkipAsync();
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Routing:Approvals:Managers:ada@example.org"] = "grace@example.org",
            ["Routing:Approvals:ScanInterval"] = "00:01:00",
        }, clock, smtp);
        await host.PublishItemAsync("software", Items.Software(remindAfter: TimeSpan.FromHours(1), timeout: TimeSpan.FromHours(8)));
        await host.WaitForFormAsync("software", 1);

        var id = (await host.SubmitOkAsync("software", new { product = "visio", justification = "Network diagrams for the audit." })).GetProperty("id").GetGuid();
        var asked = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(id)).SingleOrDefault(), what: "manager asked");
        Assert.Equal(("grace@example.org", "manager", false), (asked.ApproverEmail, asked.StageName, asked.IsReminder));
        Assert.Empty(await host.RoutingAsync(db => db.FulfilmentTasks.Where(t => t.TicketId == id).ToListAsync()));
        Assert.Equal("New", (await host.TicketAsync(id)).GetProperty("status").GetString());

        // An hour later (fake clock) the manager is reminded, once.
        for (var minute = 0; minute < 65; minute += 5)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(20, Cancel);
        }
        var reminders = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(id)).Where(e => e.IsReminder).ToList() is { Count: > 0 } r ? r : null, what: "reminder");
        Assert.Equal("grace@example.org", Assert.Single(reminders).ApproverEmail);
        Assert.Single(await host.RoutingEventsAsync<ApprovalStageOverdue>(id));

        // Both mails reached the manager, the reminder saying so, each with its signed links.
        var toManager = await Eventually.GetAsync(() => Task.FromResult(CatalogueHost.MailsTo(smtp, "grace@example.org") is { Count: >= 2 } m ? m : null), what: "two mails to the manager");
        Assert.Equal(2, toManager.Count);
        Assert.Single(toManager, m => (m.Subject ?? "").Contains("Reminder", StringComparison.Ordinal));
        var first = Assert.Single(toManager, m => !(m.Subject ?? "").Contains("Reminder", StringComparison.Ordinal));
        Assert.Contains($"Approve: {asked.ApproveUrl}", first.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains($"Reject: {asked.RejectUrl}", first.TextBody ?? "", StringComparison.Ordinal);

        // The manager approves from the first e-mail: the link shows a page, its form decides, a second use is refused.
        var mailed = System.Text.RegularExpressions.Regex.Match(first.TextBody!, @"Approve: (\S+)").Groups[1].Value;
        var approvePath = new Uri(mailed).AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(approvePath, Cancel)).StatusCode);
        Assert.Empty(await host.RoutingEventsAsync<TicketApprovalDecided>(id));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync(approvePath, null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await host.Client.PostAsync(approvePath, null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await host.Client.PostAsync(new Uri(asked.RejectUrl!).AbsolutePath, null, Cancel)).StatusCode);
        var decided = Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(id));
        Assert.Equal((true, "link", "grace@example.org"), (decided.Approved, decided.Via, decided.DecidedBy));

        // Two teams work in parallel; the request resolves when both are done, not before.
        var tasks = await host.RoutingAsync(db => db.FulfilmentTasks.AsNoTracking().Where(t => t.TicketId == id).OrderBy(t => t.Queue).ToListAsync());
        Assert.Equal(["desktop", "licensing"], tasks.Select(t => t.Queue));
        Assert.All(tasks, t => Assert.Equal(FulfilmentTaskStatus.Open, t.Status));
        (await host.Client.PostAsJsonAsync($"/api/v1/routing/tasks/{tasks[1].Id}/complete", new { note = "Licence assigned", completedBy = "lic-agent" }, TestJson.Options, Cancel)).EnsureSuccessStatusCode();
        await Task.Delay(300, Cancel);
        Assert.NotEqual("Resolved", (await host.TicketAsync(id)).GetProperty("status").GetString());
        (await host.Client.PostAsJsonAsync($"/api/v1/routing/tasks/{tasks[0].Id}/complete", new { note = "Installed", completedBy = "desk-agent" }, TestJson.Options, Cancel)).EnsureSuccessStatusCode();
        var resolved = await host.TicketInStatusAsync(id, "Resolved");
        Assert.Contains("2 fulfilment tasks", resolved.GetProperty("resolution").GetString(), StringComparison.Ordinal);
        Assert.Single(await host.IntakeEventsAsync<TicketResolved>(id));
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.PostAsJsonAsync($"/api/v1/routing/tasks/{tasks[0].Id}/complete", new { completedBy = "desk-agent" }, TestJson.Options, Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_changed_item_does_not_change_an_open_request()
    {
        await using var host = await StartAsync();
        object[] v1Fields = [new { key = "system", type = "Choice", label = Items.Text("System", "Système", "Sistema"), required = true,
            options = new[] { new { value = "erp", label = Items.Text("ERP", "ERP", "ERP") } } }];
        await host.PublishItemAsync("access", Items.WithApprover("alice@example.org", "identity", v1Fields));
        await host.WaitForFormAsync("access", 1);
        var id = (await host.SubmitOkAsync("access", new { system = "erp" })).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(id)).Count == 1, what: "approval asked");

        object[] v2Fields = [new { key = "application", type = "Text", label = Items.Text("Application", "Application", "Applicazione"), required = true }];
        await host.PublishItemAsync("access", Items.PreApproved("access-v2", v2Fields));
        await host.WaitForFormAsync("access", 2);

        // The open request keeps version 1: its approval, its answers, its fulfilment queue.
        var approved = await host.DecideAsync(id, "approve", "alice@example.org");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var routed = await host.RoutingAsync(db => db.RoutedTickets.AsNoTracking().SingleAsync(t => t.TicketId == id));
        Assert.Equal((1, "identity", ApprovalState.Approved), (routed.CatalogVersion, routed.Queue, routed.Approval));
        var ticket = await host.TicketAsync(id);
        Assert.Equal(1, ticket.GetProperty("catalogItemVersion").GetInt32());
        Assert.Equal("erp", ticket.GetProperty("answers").GetProperty("system").GetString());

        // New requests use version 2: the old answers no longer fit its form.
        var old = await host.SubmitAsync("access", new { system = "erp" });
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        var errors = (await old.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("answers.system", out _));
        Assert.True(errors.TryGetProperty("answers.application", out _));
        var v2 = await host.SubmitOkAsync("access", new { application = "Payroll" });
        Assert.Equal(2, v2.GetProperty("catalogItemVersion").GetInt32());
        var v2Routed = await Eventually.GetAsync(() => host.RoutingAsync(db => db.RoutedTickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == v2.GetProperty("id").GetGuid())));
        Assert.Equal((2, "access-v2", ApprovalState.AutoApproved), (v2Routed.CatalogVersion, v2Routed.Queue, v2Routed.Approval));
    }
}

public sealed class CatalogueFlowOnSqliteTests(PostgresFixture postgres, RabbitMqFixture rabbit) : CatalogueFlowTests(Stack.SqliteInMemory, postgres, rabbit);

public sealed class CatalogueFlowOnPostgresTests(PostgresFixture postgres, RabbitMqFixture rabbit) : CatalogueFlowTests(Stack.PostgresRabbitMq, postgres, rabbit);
