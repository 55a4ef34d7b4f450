using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Intake;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.Messaging;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Notifications;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.Migrations.Tests;

/// <summary>
/// Intake and notifications, each on its own database, on one RabbitMQ virtual host: the part of the platform the
/// upgrade and backup tests put data through (tickets and comments by API; their events to notifications, which
/// records inbox rows and delivers e-mails to a pickup directory).
/// </summary>
public sealed class TwoServicePlatform : IAsyncDisposable
{
    public static readonly TestedService Intake = new("intake", b => b.AddIntake(), app => app.MapIntake());
    public static readonly TestedService Notifications = new("notifications", b => b.AddNotifications(), app => app.MapNotifications());

    private TwoServicePlatform(ServiceTestHost intake, ServiceTestHost notifications)
    {
        IntakeHost = intake;
        NotificationsHost = notifications;
    }

    public ServiceTestHost IntakeHost { get; }

    public ServiceTestHost NotificationsHost { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> Settings(string broker, string intakeDb, string notificationsDb, string dataDirectory) => new()
    {
        [$"ConnectionStrings:{MessagingExtensions.ConnectionName}"] = broker,
        [$"ConnectionStrings:{IntakeExtensions.DatabaseName}"] = intakeDb,
        [$"ConnectionStrings:{NotificationsExtensions.DatabaseName}"] = notificationsDb,
        ["Notifications:Email:PickupDirectory"] = Path.Combine(dataDirectory, "mail"),
        ["Notifications:Email:From"] = "desk@helpdesk.test",
        ["Notifications:Delivery:PollInterval"] = "00:00:00.100",
    };

    /// <summary>Both services; with <paramref name="verify"/> they only check their schema (a migrator ran before).</summary>
    public static async Task<TwoServicePlatform> StartAsync(Dictionary<string, string?> settings, string dataDirectory, bool verify = false)
    {
        var effective = new Dictionary<string, string?>(settings);
        if (verify)
        {
            effective["HelpDesk:Database:Migrations"] = nameof(MigrationMode.Verify);
        }
        var intake = await ServiceTestHost.StartAsync(Intake, effective, Path.Combine(dataDirectory, "intake"));
        try
        {
            return new TwoServicePlatform(intake, await ServiceTestHost.StartAsync(Notifications, effective, Path.Combine(dataDirectory, "notifications")));
        }
        catch
        {
            await intake.DisposeAsync();
            throw;
        }
    }

    /// <summary>A ticket with a public and an internal comment; returns its id.</summary>
    public async Task<Guid> SubmitTicketAsync(int n, CancellationToken cancellationToken)
    {
        var body = new { subject = $"VPN drops every hour ({n})", description = "Since this morning the VPN disconnects every hour.", requester = new { email = $"requester{n}@example.org", name = $"Requester {n}" } };
        var created = await IntakeHost.Client.PostAsJsonAsync("/api/v1/tickets", body, TestJson.Options, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
        (await IntakeHost.Client.PostAsJsonAsync($"/api/v1/tickets/{id}/comments", new { body = "Which VPN client version do you use?", authorKind = "Agent", isPublic = true }, cancellationToken)).EnsureSuccessStatusCode();
        (await IntakeHost.Client.PostAsJsonAsync($"/api/v1/tickets/{id}/comments", new { body = "Tunnel logs: keepalive timeouts.", authorKind = "Agent", isPublic = false }, cancellationToken)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Everything intake wrote is published, and notifications has notified every ticket and settled every delivery.</summary>
    public async Task WaitSettledAsync(int tickets)
    {
        await Eventually.TrueAsync(() => IntakeHost.InScopeAsync(async s =>
            !await s.GetRequiredService<IntakeDbContext>().OutboxMessages.AnyAsync(m => m.DispatchedAt == null, Ct)), TimeSpan.FromMinutes(2), "intake's outbox dispatched");
        await Eventually.TrueAsync(() => NotificationsHost.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<NotificationsDbContext>();
            return await db.Deliveries.Select(d => d.TicketId).Distinct().CountAsync(Ct) == tickets
                && !await db.Deliveries.AnyAsync(d => d.Status == DeliveryStatus.Pending, Ct);
        }), TimeSpan.FromMinutes(2), "every ticket notified and every delivery settled");
    }

    /// <summary>The ticket and its comments (internal ones included) as the API serves them.</summary>
    public async Task<(JsonElement Ticket, int Comments)> ReadTicketAsync(Guid id)
    {
        var ticket = await IntakeHost.Client.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}", Ct);
        var comments = await IntakeHost.Client.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}/comments?includeInternal=true", Ct);
        return (ticket, (comments.ValueKind == JsonValueKind.Array ? comments : comments.GetProperty("items")).GetArrayLength());
    }

    /// <summary>`dotnet HelpDesk.X.dll migrate`: the service's host built as its Program.cs builds it, then the migrate verb.</summary>
    public static async Task<int> MigrateAsync(TestedService service, Dictionary<string, string?> settings, string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = Path.Combine(dataDirectory, service.Name);
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }
        builder.AddServiceDefaults();
        service.Add(builder);
        builder.AddHelpDeskBus();
        await using var app = builder.Build();
        return await MigrateCommand.RunAsync(app, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await NotificationsHost.DisposeAsync();
        await IntakeHost.DisposeAsync();
    }
}
