using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Api;

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplates(this RouteGroupBuilder group)
    {
        var templates = group.MapGroup("/templates");
        templates.MapGet("/", ListAsync).WithName("Templates_List")
            .WithSummary("List templates")
            .WithDescription("Templates per event type and language, built-in or overridden.");
        templates.MapGet("/{eventType}/{language}", GetAsync).WithName("Templates_Get")
            .WithSummary("Get a template")
            .WithDescription("The template used for an event type and language.").ProducesProblem(404);
        templates.MapPut("/{eventType}/{language}", PutAsync).WithName("Templates_Put")
            .WithSummary("Override a template")
            .WithDescription("Saves a Liquid template for an event type and language; parse errors and templates over the rendering limits are 400.");
        templates.MapDelete("/{eventType}/{language}", DeleteAsync).WithName("Templates_Delete")
            .WithSummary("Remove a template override")
            .WithDescription("The built-in template applies again.").ProducesProblem(404);
        templates.MapPost("/preview", PreviewAsync).WithName("Templates_Preview")
            .WithSummary("Preview a template")
            .WithDescription("Renders a stored or submitted template with sample data.");
        return group;
    }

    private static async Task<Ok<List<TemplateSummary>>> ListAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var overrides = await db.Templates.AsNoTracking().Select(t => new { t.EventType, t.Language }).ToListAsync(cancellationToken);
        var result = NotificationEventTypes.All
            .SelectMany(type => DefaultTemplates.Languages.Select(language => (type.Name, language)))
            .Concat(overrides.Select(o => (o.EventType, o.Language)))
            .Distinct()
            .Select(key => new TemplateSummary(key.Item1, key.Item2,
                overrides.Any(o => o.EventType == key.Item1 && o.Language == key.Item2) ? "override" : "default"))
            .OrderBy(t => t.EventType, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<TemplateResponse>, NotFound>> GetAsync(string eventType, string language, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var type = NotificationEventTypes.Find(eventType);
        if (type is null)
        {
            return TypedResults.NotFound();
        }
        var normalized = TemplateCatalog.NormalizeLanguage(language);
        var custom = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.EventType == type.Name && t.Language == normalized, cancellationToken);
        if (custom is not null)
        {
            return TypedResults.Ok(new TemplateResponse(type.Name, normalized, "override", custom.Subject, custom.Text, custom.Html));
        }
        return DefaultTemplates.Find(type.Name, normalized) is { } builtIn
            ? TypedResults.Ok(new TemplateResponse(type.Name, normalized, "default", builtIn.Subject, builtIn.Text, builtIn.Html))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<TemplateResponse>, ValidationProblem>> PutAsync(
        string eventType, string language, PutTemplateRequest request, NotificationsDbContext db, NotificationSettingsCache settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var type = NotificationEventTypes.Find(eventType);
        if (type is null)
        {
            validation.Add("eventType", $"Unknown event type '{eventType}'.");
        }
        if (string.IsNullOrWhiteSpace(language) || language.Length > 16 || !language.All(c => char.IsAsciiLetter(c) || c == '-'))
        {
            validation.Add("language", "Use a language tag such as en, fr or it.");
        }
        var set = new TemplateSet(request.Subject ?? "", request.Text ?? "", string.IsNullOrWhiteSpace(request.Html) ? null : request.Html);
        TemplateRenderer.Validate(set, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var normalized = TemplateCatalog.NormalizeLanguage(language);
        var custom = await db.Templates.FirstOrDefaultAsync(t => t.EventType == type!.Name && t.Language == normalized, cancellationToken);
        if (custom is null)
        {
            custom = new TemplateOverride { EventType = type!.Name, Language = normalized, Subject = set.Subject, Text = set.Text };
            db.Templates.Add(custom);
        }
        custom.Subject = set.Subject;
        custom.Text = set.Text;
        custom.Html = set.Html;
        custom.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        settings.Changed();
        return TypedResults.Ok(new TemplateResponse(custom.EventType, custom.Language, "override", custom.Subject, custom.Text, custom.Html));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(
        string eventType, string language, NotificationsDbContext db, NotificationSettingsCache settings, CancellationToken cancellationToken)
    {
        var normalized = TemplateCatalog.NormalizeLanguage(language);
        var removed = await db.Templates.Where(t => t.EventType == eventType && t.Language == normalized).ExecuteDeleteAsync(cancellationToken);
        settings.Changed();
        return removed > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<PreviewResponse>, ValidationProblem>> PreviewAsync(
        PreviewRequest request, NotificationsDbContext db, NotificationSettingsCache settings, TemplateRenderer renderer, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var type = NotificationEventTypes.Find(request.EventType);
        if (type is null)
        {
            validation.Add("eventType", $"Unknown event type '{request.EventType}'. Known: {string.Join(", ", NotificationEventTypes.All.Select(t => t.Name))}.");
        }
        if (request.Data is { } data && data.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            validation.Add("data", "Sample data must be a JSON object.");
        }
        TemplateSet? submitted = null;
        if (request.Subject is not null || request.Text is not null || request.Html is not null)
        {
            submitted = new TemplateSet(request.Subject ?? "", request.Text ?? "", request.Html);
            TemplateRenderer.Validate(submitted, validation);
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var (stored, language) = TemplateCatalog.Resolve(await settings.GetAsync(db, cancellationToken), type!.Name, request.Language);
        var set = submitted ?? stored;
        if (submitted is not null)
        {
            language = TemplateCatalog.NormalizeLanguage(request.Language);
        }
        var model = SampleModel(type, request, language);
        try
        {
            var rendered = renderer.Render(set, model, NotificationEventTypes.SampleNumber);
            return TypedResults.Ok(new PreviewResponse(type.Name, language, rendered.Subject, rendered.Text, rendered.Html));
        }
        catch (Fluid.ParseException ex)
        {
            validation.Add("template", ex.Message);
            return validation.Problem();
        }
        catch (TemplateLimitException ex)
        {
            validation.Add("template", ex.Message);
            return validation.Problem();
        }
    }

    /// <summary>The sample ticket and the event type's sample data, with the request's data overriding fields of the event.</summary>
    private static TemplateModel SampleModel(NotificationEventType type, PreviewRequest request, string language)
    {
        var eventData = TemplateRenderer.ToDictionary(type.Sample, DeliveryPlanner.JsonOptions);
        if (request.Data is { ValueKind: JsonValueKind.Object } overrides)
        {
            foreach (var (key, value) in TemplateRenderer.ToDictionary(overrides, DeliveryPlanner.JsonOptions))
            {
                eventData[key] = value;
            }
        }
        var ticket = new TicketProjection
        {
            TicketId = NotificationEventTypes.SampleTicketId,
            TicketNumber = NotificationEventTypes.SampleNumber,
            Subject = "VPN drops every hour",
            RequesterEmail = "ada@example.com",
            RequesterName = "Ada Lovelace",
            Language = language,
            Queue = "network",
            AssigneeName = "Grace Hopper",
            AssigneeEmail = "grace@example.com",
            Status = TicketStatus.InProgress,
        };
        return new TemplateModel(DeliveryPlanner.TicketModel(ticket), eventData, new Dictionary<string, object>
        {
            ["email"] = request.RecipientEmail ?? "ada@example.com",
            ["name"] = request.RecipientName ?? "Ada Lovelace",
            ["role"] = "requester",
        }, language);
    }
}
