using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Intake;
using HelpDesk.Contracts;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.Notifications;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Routing;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Testing;
using HelpDesk.Testing.Stacks;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Catalogue.Tests;

/// <summary>Intake and Routing composed in one web app on a real port, on either stack, with helpers for catalogue flows.</summary>
internal sealed class CatalogueHost : IAsyncDisposable
{
    private CatalogueHost(ServiceTestHost host) => Host = host;

    public ServiceTestHost Host { get; }

    public HttpClient Client => Host.Client;

    /// <summary>Decides as the signed-in approver with this e-mail (name@example.org), as the gateway forwards them.</summary>
    public Task<HttpResponseMessage> DecideAsync(Guid ticketId, string decision, string approverEmail, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/routing/approvals/{ticketId}/{decision}")
        {
            Content = JsonContent.Create(body ?? new { }, options: TestJson.Options),
        };
        return Host.Anonymous.SendAsync(request.As(TestCallers.Approver(approverEmail.Split('@')[0])), Cancel);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<CatalogueHost> StartAsync(
        Stack stack, PostgresFixture postgres, RabbitMqFixture rabbit, IDictionary<string, string?>? settings = null, TimeProvider? time = null, string? dataDirectory = null,
        IDictionary<string, string?>? stackSettings = null, SmtpServerFixture? smtp = null)
    {
        // A host pinned to PostgreSQL + RabbitMQ runs the same in both passes (its settings win over the pass's stack).
        Assert.SkipWhen(stack == Stack.PostgresRabbitMq && TestStack.IsPostgresRabbitMq,
            "Pinned to PostgreSQL + RabbitMQ, so it ran unchanged in the default pass; this pass runs the other cases on PostgreSQL + RabbitMQ.");
        var all = new Dictionary<string, string?>
        {
            ["Routing:DefaultQueue"] = "service-desk",
            ["Routing:Approvals:ScanInterval"] = "00:00:00.200",
            ["Routing:Approvals:AutomationRetryDelay"] = "00:00:00.100",
            ["Routing:Approvals:AutomationMaxAttempts"] = "2",
            ["HelpDesk:Outbox:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in stackSettings ?? await StackSettingsAsync(stack, postgres, rabbit))
        {
            all[key] = value;
        }
        if (smtp is not null)
        {
            foreach (var (key, value) in await MailSettingsAsync(stack, postgres, smtp))
            {
                all[key] = value;
            }
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        // MassTransit keeps its log context in an async-local: a host started after another was disposed in the same flow
        // would inherit the disposed logger factory, so each host starts in a fresh execution context.
        Task<ServiceTestHost> starting;
        using (ExecutionContext.SuppressFlow())
        {
            starting = Task.Run(() => ServiceTestHost.StartAsync(b =>
        {
            if (time is not null)
            {
                b.Services.AddSingleton(time);
            }
            b.AddIntake();
            b.AddRouting();
            if (smtp is not null)
            {
                b.AddNotifications();
            }
        }, app =>
        {
            app.MapIntake();
            app.MapRouting();
            if (smtp is not null)
            {
                app.MapNotifications();
            }
        }, all, dataDirectory));
        }
        return new CatalogueHost(await starting);
    }

    public static async Task<IDictionary<string, string?>> StackSettingsAsync(Stack stack, PostgresFixture postgres, RabbitMqFixture rabbit) =>
        stack == Stack.SqliteInMemory
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?>
            {
                ["ConnectionStrings:intakedb"] = await postgres.CreateDatabaseAsync("intake"),
                ["ConnectionStrings:routingdb"] = await postgres.CreateDatabaseAsync("routing"),
                ["ConnectionStrings:messaging"] = await rabbit.CreateVirtualHostAsync(),
            };

    /// <summary>Notifications delivering e-mail to a real SMTP server (aiosmtpd), with its delivery loop shrunk.</summary>
    private static async Task<IDictionary<string, string?>> MailSettingsAsync(Stack stack, PostgresFixture postgres, SmtpServerFixture smtp)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Delivery:PollInterval"] = "00:00:00.100",
            ["Notifications:Delivery:BaseDelay"] = "00:00:00.100",
            ["Notifications:Email:Domain"] = "helpdesk.test",
            ["Notifications:Email:From"] = "desk@helpdesk.test",
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:Host"] = smtp.Host,
            ["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (stack == Stack.PostgresRabbitMq)
        {
            settings["ConnectionStrings:notificationsdb"] = await postgres.CreateDatabaseAsync("notifications");
        }
        return settings;
    }

    public async Task<JsonElement> PublishItemAsync(string key, object definition, string? automationSecret = null)
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/routing/catalog/{key}/versions", new { definition, automationSecret }, TestJson.Options, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>Waits until Intake's form replica has the version (Routing → event → Intake).</summary>
    public Task WaitForFormAsync(string key, int version) =>
        Eventually.GetAsync(() => IntakeAsync(db => db.CatalogForms.AsNoTracking().FirstOrDefaultAsync(f => f.Key == key && f.Version == version)), what: $"form {key} v{version} in Intake");

    public Task<HttpResponseMessage> SubmitAsync(string catalogItem, object? answers, string requester = "ada@example.org", string language = "en", string subject = "Catalogue request") =>
        Client.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject, description = "Requested from the portal", type = "ServiceRequest", channel = "Portal",
            requester = new { email = requester, name = "Ada" }, catalogItem, answers, language,
        }, TestJson.Options, Cancel);

    public async Task<JsonElement> SubmitOkAsync(string catalogItem, object? answers, string requester = "ada@example.org")
    {
        var response = await SubmitAsync(catalogItem, answers, requester);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>Where the changes of <see cref="SubmitChangeAsync"/> are planned: 90 minutes from here.</summary>
    public static readonly DateTimeOffset ChangeWindowStart = new(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);

    private static readonly string[] CoreNetwork = ["core-network"];

    /// <summary>Submits a change through Intake with a complete plan (so it may ask for approval) and answers its id.</summary>
    public async Task<Guid> SubmitChangeAsync(string risk = "Low", string impact = "Medium")
    {
        var created = await Client.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = $"Core switch firmware ({risk} risk)", description = "Firmware 9.3 fixes the spanning-tree bug.",
            requester = new { email = "ops@example.org" }, type = "Change", impact,
            change = new
            {
                risk, plannedStart = ChangeWindowStart, plannedEnd = ChangeWindowStart.AddMinutes(90),
                implementationPlan = "Drain to the standby switch, upload 9.3, reboot, check spanning tree.",
                backoutPlan = "Boot the previous image from slot 2.", affectedServices = CoreNetwork,
            },
        }, TestJson.Options, Cancel);
        var body = await created.Content.ReadAsStringAsync(Cancel);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        return JsonSerializer.Deserialize<JsonElement>(body).GetProperty("id").GetGuid();
    }

    /// <summary>Moves a ticket as a client does: a 409 for a concurrent change (routing's events update the ticket too) is tried again.</summary>
    public Task TransitionAsync(Guid ticketId, string to) => TransitionAsync(ticketId, new { to });

    /// <summary>Sends a transition body (status, resolution …), tried again on a 409 as <see cref="TransitionAsync(Guid, string)"/>.</summary>
    public async Task TransitionAsync(Guid ticketId, object transition)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await Client.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/transitions", transition, TestJson.Options, Cancel);
            if (response.StatusCode != HttpStatusCode.Conflict || attempt == 5)
            {
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
                return;
            }
            await Task.Delay(100 * attempt, Cancel);
        }
    }

    public async Task<JsonElement> TicketAsync(Guid id) =>
        JsonSerializer.Deserialize<JsonElement>(await Client.GetStringAsync($"/api/v1/tickets/{id}", Cancel));

    public async Task<JsonElement> TicketInStatusAsync(Guid id, string status) =>
        (JsonElement)await Eventually.GetAsync<object>(async () => await TicketAsync(id) is var t && t.GetProperty("status").GetString() == status ? t : null,
            what: $"ticket {id} {status}");

    public Task<T> RoutingAsync<T>(Func<RoutingDbContext, Task<T>> query) => Host.InScopeAsync(s => query(s.GetRequiredService<RoutingDbContext>()));

    public Task<T> IntakeAsync<T>(Func<IntakeDbContext, Task<T>> query) => Host.InScopeAsync(s => query(s.GetRequiredService<IntakeDbContext>()));

    /// <summary>Events a service queued in its outbox (the durable record of what it published), optionally for one ticket.</summary>
    public async Task<List<TEvent>> RoutingEventsAsync<TEvent>(Guid? ticketId = null) =>
        Decode<TEvent>(await RoutingAsync(db => Bodies(db.OutboxMessages, typeof(TEvent), ticketId)));

    public async Task<List<TEvent>> IntakeEventsAsync<TEvent>(Guid? ticketId = null) =>
        Decode<TEvent>(await IntakeAsync(db => Bodies(db.OutboxMessages, typeof(TEvent), ticketId)));

    private static Task<List<string>> Bodies(DbSet<HelpDesk.Messaging.Outbox.OutboxMessage> outbox, Type type, Guid? ticketId)
    {
        var name = type.FullName + ",";
        return outbox.AsNoTracking().Where(m => m.MessageType.StartsWith(name) && (ticketId == null || m.TicketId == ticketId))
            .OrderBy(m => m.Sequence).Select(m => m.Body).ToListAsync();
    }

    private static List<TEvent> Decode<TEvent>(List<string> bodies) => bodies.Select(b => JsonSerializer.Deserialize<TEvent>(b, TestJson.Options)!).ToList();

    public Task<T> NotificationsAsync<T>(Func<NotificationsDbContext, Task<T>> query) => Host.InScopeAsync(s => query(s.GetRequiredService<NotificationsDbContext>()));

    /// <summary>
    /// Waits until Notifications has consumed every event Intake and Routing published about the ticket so far and has
    /// no delivery for it left pending: after that, the mails it sent are all the mails it will send.
    /// </summary>
    public async Task NotificationsSettledAsync(Guid ticketId)
    {
        await Eventually.TrueAsync(async () =>
        {
            var published = (await IntakeAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.TicketId == ticketId).Select(m => new { m.MessageId, m.MessageType }).ToListAsync()))
                .Concat(await RoutingAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.TicketId == ticketId).Select(m => new { m.MessageId, m.MessageType }).ToListAsync()))
                .Where(m => NotifiedTypes.Any(t => m.MessageType.StartsWith(t.FullName + ",", StringComparison.Ordinal))).Select(m => m.MessageId).ToList();
            var consumed = await NotificationsAsync(db => db.InboxMessages.AsNoTracking().Where(m => published.Contains(m.MessageId)).Select(m => m.MessageId).Distinct().CountAsync());
            var pending = await NotificationsAsync(db => db.Deliveries.AsNoTracking().CountAsync(d => d.TicketId == ticketId && d.Status == DeliveryStatus.Pending));
            return consumed == published.Count && pending == 0;
        }, what: $"notifications about {ticketId} settled");
    }

    private static readonly Type[] NotifiedTypes =
        [typeof(TicketSubmitted), typeof(TicketStatusChanged), typeof(TicketResolved), typeof(TicketClosed), typeof(TicketApprovalRequested), typeof(TicketRouted), typeof(TicketAssigned)];

    /// <summary>Mails the SMTP server accepted for one address, oldest first.</summary>
    public static List<MimeMessage> MailsTo(SmtpServerFixture smtp, string address) =>
        smtp.ReadMessages().Select(raw => MimeMessage.Load(new MemoryStream(raw))).Where(m => m.To.Mailboxes.Any(a => a.Address == address)).ToList();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
