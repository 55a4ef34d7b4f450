using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Api;

public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder group)
    {
        var webhooks = group.MapGroup("/webhooks");
        webhooks.MapPost("/", CreateAsync).WithName("Webhooks_Create")
            .WithSummary("Register a webhook")
            .WithDescription("An http(s) endpoint (checked against the SSRF guard) that receives signed ticket events; the answer carries the signing secret, only this once.");
        webhooks.MapGet("/", ListAsync).WithName("Webhooks_List")
            .WithSummary("List webhooks")
            .WithDescription("Registered webhooks and the events they receive.");
        webhooks.MapGet("/{id:guid}", GetAsync).WithName("Webhooks_Get")
            .WithSummary("Get a webhook")
            .WithDescription("One registered webhook.").ProducesProblem(404);
        webhooks.MapDelete("/{id:guid}", DeleteAsync).WithName("Webhooks_Delete")
            .WithSummary("Remove a webhook")
            .WithDescription("Stops deliveries to the endpoint.").ProducesProblem(404);
        return group;
    }

    private static async Task<Results<Created<WebhookResponse>, ValidationProblem>> CreateAsync(
        CreateWebhookRequest request, NotificationsDbContext db, IOptionsMonitor<NotificationsOptions> options,
        NotificationSettingsCache settings, EndpointCircuitBreakers breakers, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var url = await CheckUrlAsync(request.Url, options.CurrentValue.Webhooks.AllowPrivateTargets, validation, cancellationToken);
        var eventTypes = request.EventTypes ?? [];
        if (eventTypes.Count == 0)
        {
            validation.Add("eventTypes", "List the event types to receive, or \"*\" for all.");
        }
        foreach (var type in eventTypes.Where(t => t != "*" && NotificationEventTypes.Find(t) is null))
        {
            validation.Add("eventTypes", $"Unknown event type '{type}'. Known: {string.Join(", ", NotificationEventTypes.All.Select(t => t.Name))}.");
        }
        if (request.Secret is not null && (request.Secret.Length < 16 || request.Secret.Length > 200))
        {
            validation.Add("secret", "The secret must be 16 to 200 characters (omit it to have one generated).");
        }
        if (request.Description is { Length: > 500 })
        {
            validation.Add("description", "The description must be at most 500 characters.");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(),
            Url = url!.ToString(),
            Secret = request.Secret ?? "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            EventTypes = string.Join(',', eventTypes.Select(t => t == "*" ? t : NotificationEventTypes.Find(t)!.Name).Distinct()),
            Description = request.Description,
            CreatedAt = time.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        settings.Changed();
        return TypedResults.Created($"/api/v1/notifications/webhooks/{endpoint.Id}", ToResponse(endpoint, breakers) with { Secret = endpoint.Secret });
    }

    /// <summary>An absolute http(s) URL without credentials whose host resolves only to addresses the SSRF guard allows.</summary>
    private static async Task<Uri?> CheckUrlAsync(string? raw, bool allowPrivateTargets, Validation validation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(raw) || !Uri.TryCreate(raw, UriKind.Absolute, out var url) ||
            (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            validation.Add("url", "An absolute http or https URL is required.");
            return null;
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            validation.Add("url", "Credentials in the URL are not allowed; authenticate with the signature.");
            return null;
        }
        if (raw.Length > 2000)
        {
            validation.Add("url", "The URL must be at most 2000 characters.");
            return null;
        }
        try
        {
            await SsrfGuard.ResolveAllowedAsync(url.IdnHost, allowPrivateTargets, cancellationToken);
        }
        catch (ForbiddenTargetException ex)
        {
            validation.Add("url", ex.Message);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            validation.Add("url", $"The host cannot be resolved: {ex.Message}");
        }
        return url;
    }

    private static async Task<Ok<List<WebhookResponse>>> ListAsync(NotificationsDbContext db, EndpointCircuitBreakers breakers, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(endpoints.Select(e => ToResponse(e, breakers)).ToList());
    }

    private static async Task<Results<Ok<WebhookResponse>, NotFound>> GetAsync(Guid id, NotificationsDbContext db, EndpointCircuitBreakers breakers, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } endpoint
            ? TypedResults.Ok(ToResponse(endpoint, breakers))
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid id, NotificationsDbContext db, NotificationSettingsCache settings, EndpointCircuitBreakers breakers, DeliverySignal signal, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return TypedResults.NotFound();
        }
        // Kept (inactive) so the delivery log still names it.
        endpoint.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        settings.Changed();
        breakers.Forget(id);
        signal.Pulse();
        return TypedResults.NoContent();
    }

    private static WebhookResponse ToResponse(WebhookEndpoint endpoint, EndpointCircuitBreakers breakers) =>
        new(endpoint.Id, endpoint.Url, endpoint.EventTypeList, endpoint.Description, endpoint.Active, endpoint.CreatedAt, breakers.StateOf(endpoint.Id).ToString());
}
