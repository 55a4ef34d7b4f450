using System.Net.Http.Json;
using HelpDesk.Notifications.Api;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Notifications.Tests;

/// <summary>
/// Events are planned with settings read once per <see cref="NotificationsOptions.SettingsCacheDuration"/>: a change
/// through this replica's API is used by the next event, another replica's within the duration.
/// </summary>
public sealed class SettingsCacheTests
{
    private static readonly string[] RequesterOnly = ["Requester"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_through_the_api_is_used_by_the_next_event_however_long_settings_are_kept()
    {
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Notifications:SettingsCacheDuration"] = "01:00:00",
            ["Notifications:Delivery:WorkerEnabled"] = "false",
        });
        var before = Guid.NewGuid();
        await host.PublishAsync(NotificationsHost.Submitted(before, "HD-002001"));
        await Eventually.TrueAsync(async () => (await host.DeliveriesAsync($"?ticketId={before}")).Count == 1, what: "the requester's e-mail planned");

        // Silenced, then a queue contact for the next events' queue, then a template: each used at once.
        (await host.Client.PutAsJsonAsync("/api/v1/notifications/subscriptions/ticket.submitted", new { roles = Array.Empty<string>() }, Ct)).EnsureSuccessStatusCode();
        var silenced = Guid.NewGuid();
        await host.PublishAsync(NotificationsHost.Submitted(silenced, "HD-002002"));
        await Eventually.TrueAsync(async () => (await host.Client.GetAsync($"/api/v1/notifications/tickets/{silenced}", Ct)).IsSuccessStatusCode, what: "the silenced event consumed");
        Assert.Empty(await host.DeliveriesAsync($"?ticketId={silenced}"));

        (await host.Client.PutAsJsonAsync("/api/v1/notifications/subscriptions/ticket.submitted", new { roles = RequesterOnly }, Ct)).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync("/api/v1/notifications/templates/ticket.submitted/en",
            new { subject = "Received {{ ticket.number }}", text = "We have it." }, Ct)).EnsureSuccessStatusCode();
        var templated = Guid.NewGuid();
        await host.PublishAsync(NotificationsHost.Submitted(templated, "HD-002003"));
        var delivery = await Eventually.GetAsync(async () => (await host.DeliveriesAsync($"?ticketId={templated}")).SingleOrDefault(), what: "the templated e-mail planned");
        Assert.Equal("[HD-002003] Received HD-002003", delivery.Subject);
    }

    [Fact]
    public async Task Another_replicas_change_is_read_once_the_settings_are_older_than_the_duration()
    {
        await using var host = await NotificationsHost.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new NotificationSettingsCache(time, Options.Create(new NotificationsOptions { SettingsCacheDuration = TimeSpan.FromSeconds(2) }));
        var first = await GetAsync(host, cache);
        Assert.Equal(NotificationEventTypes.Find("ticket.closed")!.DefaultRoles, first.RolesFor("ticket.closed"));

        // Written as another replica's API would: this cache is not told.
        await host.InScopeAsync(s =>
        {
            var db = s.GetRequiredService<NotificationsDbContext>();
            db.Subscriptions.Add(new SubscriptionRule { EventType = "ticket.closed", Roles = "Watchers" });
            db.QueueContacts.Add(new QueueContact { Queue = "network", Email = "noc@example.org" });
            return db.SaveChangesAsync(Ct);
        });
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Same(first, await GetAsync(host, cache));

        time.Advance(TimeSpan.FromSeconds(0.2));
        var second = await GetAsync(host, cache);
        Assert.Equal([RecipientRole.Watchers], second.RolesFor("ticket.closed"));
        Assert.Equal(["noc@example.org"], second.ContactsOf("network"));

        // Told of a change (this replica's API): read again at once.
        await host.InScopeAsync(s =>
        {
            var db = s.GetRequiredService<NotificationsDbContext>();
            db.Templates.Add(new TemplateOverride { EventType = "ticket.closed", Language = "fr", Subject = "Fermé", Text = "Fermé." });
            return db.SaveChangesAsync(Ct);
        });
        Assert.Same(second, await GetAsync(host, cache));
        cache.Changed();
        Assert.Equal("Fermé", (await GetAsync(host, cache)).TemplateFor("ticket.closed", "fr")?.Subject);
    }

    private static Task<NotificationSettings> GetAsync(ServiceTestHost host, NotificationSettingsCache cache) =>
        host.InScopeAsync(s => cache.GetAsync(s.GetRequiredService<NotificationsDbContext>(), Ct));
}
