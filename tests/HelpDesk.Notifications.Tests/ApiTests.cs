using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Notifications.Api;
using HelpDesk.Notifications.Domain;
using HelpDesk.Testing;

namespace HelpDesk.Notifications.Tests;

public sealed class ApiTests
{
    private static readonly string[] BadRoles = ["requester", "ceo"];
    private static readonly string[] BadEmails = ["ok@example.com", "nope"];
    private static readonly string[] ClosedRoles = ["requester", "watchers", "queue"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
    }

    [Fact]
    public async Task Preview_renders_stored_and_submitted_templates_and_names_parse_errors()
    {
        await using var host = await NotificationsHost.StartAsync();

        var stored = await host.Client.PostAsJsonAsync("/api/v1/notifications/templates/preview",
            new { eventType = "ticket.commented", language = "it", data = new { body = "<b>ciao</b>" } }, Ct);
        stored.EnsureSuccessStatusCode();
        var preview = (await stored.Content.ReadFromJsonAsync<PreviewResponse>(TestJson.Options, Ct))!;
        Assert.Equal("it", preview.Language);
        Assert.StartsWith("[HD-000123] Nuovo commento", preview.Subject, StringComparison.Ordinal);
        Assert.Contains("<b>ciao</b>", preview.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;ciao&lt;/b&gt;", preview.Html, StringComparison.Ordinal);

        var fallback = (await (await host.Client.PostAsJsonAsync("/api/v1/notifications/templates/preview",
            new { eventType = "ticket.closed", language = "de" }, Ct)).Content.ReadFromJsonAsync<PreviewResponse>(TestJson.Options, Ct))!;
        Assert.Equal("en", fallback.Language);

        var broken = await host.Client.PostAsJsonAsync("/api/v1/notifications/templates/preview",
            new { eventType = "ticket.closed", subject = "ok", text = "{% for x in %}" }, Ct);
        var errors = await ProblemAsync(broken);
        Assert.StartsWith("Liquid parse error", errors.GetProperty("text")[0].GetString(), StringComparison.Ordinal);

        var unknown = await host.Client.PostAsJsonAsync("/api/v1/notifications/templates/preview", new { eventType = "ticket.exploded" }, Ct);
        Assert.True((await ProblemAsync(unknown)).TryGetProperty("eventType", out _));
    }

    [Fact]
    public async Task Template_override_is_validated_stored_listed_and_removed()
    {
        await using var host = await NotificationsHost.StartAsync();

        var invalid = await host.Client.PutAsJsonAsync("/api/v1/notifications/templates/ticket.closed/fr", new PutTemplateRequest("Fermé", "{{ ticket.number "), Ct);
        Assert.True((await ProblemAsync(invalid)).TryGetProperty("text", out _));

        var put = await host.Client.PutAsJsonAsync("/api/v1/notifications/templates/ticket.closed/fr",
            new PutTemplateRequest("Fermé : {{ ticket.subject }}", "C'est fini pour {{ ticket.number }}."), Ct);
        put.EnsureSuccessStatusCode();
        var got = await host.Client.GetFromJsonAsync<TemplateResponse>("/api/v1/notifications/templates/ticket.closed/fr", TestJson.Options, Ct);
        Assert.Equal("override", got!.Source);
        var list = await host.Client.GetFromJsonAsync<List<TemplateSummary>>("/api/v1/notifications/templates", TestJson.Options, Ct);
        Assert.Contains(list!, t => t is { EventType: "ticket.closed", Language: "fr", Source: "override" });
        Assert.Equal(NotificationEventTypes.All.Count * 3, list!.Count);

        var preview = (await (await host.Client.PostAsJsonAsync("/api/v1/notifications/templates/preview",
            new { eventType = "ticket.closed", language = "fr" }, Ct)).Content.ReadFromJsonAsync<PreviewResponse>(TestJson.Options, Ct))!;
        Assert.Equal("[HD-000123] Fermé : VPN drops every hour", preview.Subject);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.DeleteAsync("/api/v1/notifications/templates/ticket.closed/fr", Ct)).StatusCode);
        got = await host.Client.GetFromJsonAsync<TemplateResponse>("/api/v1/notifications/templates/ticket.closed/fr", TestJson.Options, Ct);
        Assert.Equal("default", got!.Source);
    }

    [Fact]
    public async Task Webhook_registration_refuses_private_targets_unless_allowed_and_validates_fields()
    {
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?> { ["Notifications:Webhooks:AllowPrivateTargets"] = "false" });

        foreach (var url in new[] { "http://127.0.0.1:9/hook", "http://localhost/hook", "http://[::1]/hook", "http://169.254.169.254/latest", "http://[::ffff:10.0.0.1]/x" })
        {
            var response = await host.Client.PostAsJsonAsync("/api/v1/notifications/webhooks", new CreateWebhookRequest(url, ["*"]), Ct);
            var errors = await ProblemAsync(response);
            Assert.Contains("refused", errors.GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        }

        var bad = await host.Client.PostAsJsonAsync("/api/v1/notifications/webhooks",
            new CreateWebhookRequest("ftp://example.com/x", ["ticket.nope"], "short"), Ct);
        var badErrors = await ProblemAsync(bad);
        Assert.True(badErrors.TryGetProperty("url", out _));
        Assert.True(badErrors.TryGetProperty("eventTypes", out _));
        Assert.True(badErrors.TryGetProperty("secret", out _));
        Assert.Empty((await host.Client.GetFromJsonAsync<List<WebhookResponse>>("/api/v1/notifications/webhooks", TestJson.Options, Ct))!);
    }

    [Fact]
    public async Task Subscriptions_preferences_and_delivery_filters_reject_bad_input()
    {
        await using var host = await NotificationsHost.StartAsync();

        Assert.True((await ProblemAsync(await host.Client.PutAsJsonAsync("/api/v1/notifications/subscriptions/ticket.closed", new { roles = BadRoles }, Ct)))
            .TryGetProperty("roles", out _));
        Assert.True((await ProblemAsync(await host.Client.PutAsJsonAsync("/api/v1/notifications/preferences/not-an-email", new { language = "fr" }, Ct)))
            .TryGetProperty("email", out _));
        Assert.True((await ProblemAsync(await host.Client.PutAsJsonAsync("/api/v1/notifications/preferences/a@example.com",
            new { optOuts = new[] { new { eventType = "ticket.closed", channel = "pigeon" } } }, Ct))).TryGetProperty("optOuts[0].channel", out _));
        Assert.True((await ProblemAsync(await host.Client.GetAsync("/api/v1/notifications/deliveries?status=lost", Ct))).TryGetProperty("status", out _));
        Assert.True((await ProblemAsync(await host.Client.GetAsync("/api/v1/notifications/deliveries?channel=fax", Ct))).TryGetProperty("channel", out _));
        Assert.True((await ProblemAsync(await host.Client.PutAsJsonAsync("/api/v1/notifications/queues/network/contacts", new { emails = BadEmails }, Ct)))
            .TryGetProperty("emails[1]", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsJsonAsync($"/api/v1/notifications/tickets/{Guid.NewGuid()}/watchers", new WatcherRequest("a@example.com"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync($"/api/v1/notifications/deliveries/{Guid.NewGuid()}/replay", null, Ct)).StatusCode);

        var put = await host.Client.PutAsJsonAsync("/api/v1/notifications/subscriptions/ticket.closed", new { roles = ClosedRoles }, Ct);
        put.EnsureSuccessStatusCode();
        var subscriptions = await host.Client.GetFromJsonAsync<List<SubscriptionResponse>>("/api/v1/notifications/subscriptions", TestJson.Options, Ct);
        var closed = subscriptions!.Single(s => s.EventType == "ticket.closed");
        Assert.False(closed.IsDefault);
        Assert.Equal([RecipientRole.Requester, RecipientRole.Watchers, RecipientRole.Queue], closed.Roles);
    }

    [Fact]
    public async Task Pending_deliveries_cannot_be_replayed_and_a_silenced_event_creates_none()
    {
        // No SMTP server configured: e-mail deliveries stay pending (with the reason) instead of being lost.
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?>
        {
            // The host caps back-off at half a second; a retry must not come (and add attempts) within the test.
            ["Notifications:Delivery:BaseDelay"] = "00:01:00",
            ["Notifications:Delivery:MaxDelay"] = "00:02:00",
        });
        (await host.Client.PutAsJsonAsync("/api/v1/notifications/subscriptions/ticket.status_changed", new { roles = Array.Empty<string>() }, Ct)).EnsureSuccessStatusCode();
        var ticketId = Guid.NewGuid();

        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-001000"));
        var pending = await Eventually.GetAsync(async () => (await host.DeliveriesAsync($"?ticketId={ticketId}")).FirstOrDefault(d => d.Attempts.Count == 1));
        Assert.Equal(DeliveryStatus.Pending, pending.Status);
        Assert.Contains("No SMTP server is configured", pending.LastError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.PostAsync($"/api/v1/notifications/deliveries/{pending.Id}/replay", null, Ct)).StatusCode);

        await host.PublishAsync(new TicketStatusChanged(ticketId, "HD-001000", TicketStatus.New, TicketStatus.InProgress, DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () =>
            (await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/notifications/tickets/{ticketId}", TestJson.Options, Ct))!.Status == TicketStatus.InProgress);
        Assert.Single(await host.DeliveriesAsync($"?ticketId={ticketId}"));

        // The ticket's number (any case) works wherever its id does.
        Assert.Equal(pending.Id, Assert.Single(await host.DeliveriesAsync("?ticketId=hd-001000")).Id);
        Assert.Equal(ticketId, (await host.Client.GetFromJsonAsync<TicketResponse>("/api/v1/notifications/tickets/HD-001000", TestJson.Options, Ct))!.TicketId);
        (await host.Client.PostAsJsonAsync("/api/v1/notifications/tickets/HD-001000/watchers", new WatcherRequest("lead@example.com"), Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.DeleteAsync("/api/v1/notifications/tickets/HD-001000/watchers/lead@example.com", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/v1/notifications/tickets/HD-999999", Ct)).StatusCode);
        Assert.Empty(await host.DeliveriesAsync("?ticketId=HD-999999"));
    }
}
