using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>
/// /api/v1/routing/catalog: the service catalogue. Items are versioned data: <c>POST /{key}/versions</c> publishes a
/// new version (a change never alters requests already filed, which keep theirs); <c>GET /{key}/form</c> is what a
/// portal shows before submission. <c>PUT /{key}</c> keeps the simple items (name, pre-approved flag, approver).
/// </summary>
internal static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder routing)
    {
        // Writes: routing's administrators, or catalogue managers (catalog:write), who may change nothing else of routing.
        var catalog = routing.MapGroup("/catalog").WithTags("Service catalogue")
            .Require(new CallerRequirement([HelpDeskScopes.RoutingRead], [], RequestMethods.Reads))
            .Require(new CallerRequirement([HelpDeskScopes.RoutingAdmin, HelpDeskScopes.CatalogWrite], [], RequestMethods.Writes));
        catalog.MapGet("/", ListAsync).WithName("Catalog_List")
            .WithSummary("List catalogue items")
            .WithDescription("The services requesters can order.");
        catalog.MapGet("/{key}", GetAsync).WithName("Catalog_Get")
            .WithSummary("Get a catalogue item")
            .WithDescription("One catalogue item with its current version.").ProducesProblem(404);
        catalog.MapPut("/{key}", PutAsync).WithName("Catalog_PutSimple")
            .WithSummary("Create or replace a simple item")
            .WithDescription("A simple catalogue item: name, pre-approved flag and approver (no form).");
        catalog.MapDelete("/{key}", DeleteAsync).WithName("Catalog_Retire")
            .WithSummary("Retire a catalogue item")
            .WithDescription("Versioned items are retired (requests filed against them keep their version); simple items are deleted.").ProducesProblem(404);
        catalog.MapPost("/{key}/versions", PublishAsync).WithName("Catalog_PublishVersion")
            .WithSummary("Publish a catalogue item version")
            .WithDescription("A new version of the item's form, approvals and fulfilment tasks; requests already filed keep theirs.");
        catalog.MapGet("/{key}/versions", ListVersionsAsync).WithName("Catalog_ListVersions")
            .WithSummary("List an item's versions")
            .WithDescription("Every published version of a catalogue item.").ProducesProblem(404);
        catalog.MapGet("/{key}/versions/{version:int}", GetVersionAsync).WithName("Catalog_GetVersion")
            .WithSummary("Get an item version")
            .WithDescription("One published version of a catalogue item.").ProducesProblem(404);
        // The form is what requesters read before submitting; tickets:read suffices (portals hold it, not routing:read).
        routing.MapGet("/catalog-forms/{key}", GetFormAsync).WithTags("Service catalogue").WithName("Catalog_GetForm")
            .RequireAnyScope([HelpDeskScopes.TicketsRead, HelpDeskScopes.RoutingRead])
            .WithSummary("Get an item's request form")
            .WithDescription("What a portal shows before submission: the fields of the item's current version.").ProducesProblem(404);
        return routing;
    }

    private static async Task<Ok<List<CatalogItemView>>> ListAsync(RoutingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.CatalogItems.AsNoTracking().OrderBy(i => i.Key).ToListAsync(cancellationToken)).Select(CatalogItemView.From).ToList());

    private static async Task<Results<Ok<CatalogItemView>, Ok<CatalogItemVersionView>, ProblemHttpResult>> GetAsync(string key, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (item is null)
        {
            return HttpProblems.NotFound("Catalogue item not found", $"No catalogue item has the key '{key}'.");
        }
        var version = await db.CatalogItemVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Key == key && v.Version == item.CurrentVersion, cancellationToken);
        return version is null ? TypedResults.Ok(CatalogItemView.From(item)) : TypedResults.Ok(CatalogItemVersionView.From(version, item));
    }

    private static async Task<Results<Created<CatalogItemVersionView>, ValidationProblem>> PublishAsync(
        string key, CatalogVersionRequest request, Caller caller, RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = CatalogDefinitionValidation.Validate(request.Definition)
            .When(key.Length is 0 or > 100 || key.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.'), "key", "Keys are 1–100 letters, digits, '-', '_' or '.'.")
            .When(request.AutomationSecret is not null && request.AutomationSecret.Length is < 16 or > 200, "automationSecret", "A secret is 16–200 characters.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var now = time.GetUtcNow();
        var item = await db.CatalogItems.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (item is null)
        {
            db.CatalogItems.Add(item = new CatalogItem { Key = key, Name = key });
        }
        string? shownSecret = null;
        if (request.AutomationSecret is { } given)
        {
            item.AutomationSecret = shownSecret = given;
        }
        else if (request.Definition!.Fulfilment?.Automation is not null && item.AutomationSecret is null)
        {
            item.AutomationSecret = shownSecret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        }
        var (version, published) = item.Publish(Normalise(request.Definition!), caller.DisplayName, now);
        db.CatalogItemVersions.Add(version);
        db.PublishEvent(published);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/routing/catalog/{key}/versions/{version.Version}", CatalogItemVersionView.From(version, item, shownSecret));
    }

    private static async Task<Results<Ok<List<CatalogVersionSummary>>, ProblemHttpResult>> ListVersionsAsync(string key, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var versions = await db.CatalogItemVersions.AsNoTracking().Where(v => v.Key == key).OrderBy(v => v.Version)
            .Select(v => new CatalogVersionSummary(v.Version, v.PublishedAt, v.PublishedBy)).ToListAsync(cancellationToken);
        return versions.Count == 0 ? HttpProblems.NotFound("Catalogue item not found", $"No versions of '{key}'.") : TypedResults.Ok(versions);
    }

    private static async Task<Results<Ok<CatalogItemVersionView>, ProblemHttpResult>> GetVersionAsync(string key, int version, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        var found = await db.CatalogItemVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Key == key && v.Version == version, cancellationToken);
        return item is null || found is null
            ? HttpProblems.NotFound("Catalogue item version not found", $"'{key}' has no version {version}.")
            : TypedResults.Ok(CatalogItemVersionView.From(found, item));
    }

    private static async Task<Results<Ok<CatalogFormView>, ProblemHttpResult>> GetFormAsync(string key, string? language, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key && !i.Retired, cancellationToken);
        var version = item is null ? null : await db.CatalogItemVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Key == key && v.Version == item.CurrentVersion, cancellationToken);
        return version is null
            ? HttpProblems.NotFound("Catalogue item not found", $"No requestable catalogue item has the key '{key}'.")
            : TypedResults.Ok(CatalogFormView.From(version, string.IsNullOrWhiteSpace(language) ? "en" : language));
    }

    private static async Task<Results<Ok<CatalogItemView>, ValidationProblem>> PutAsync(
        string key, CatalogItemRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(key, "key", 100).Required(request.Name, "name", 200).NoBlanks(request.Keywords, "keywords");
        if (request.PreApproved is null)
        {
            validation.Add("preApproved", "'preApproved' is required.");
        }
        if (request.Approver is { Length: > 200 })
        {
            validation.Add("approver", "'approver' must be at most 200 characters.");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        key = key.Trim();
        var item = await db.CatalogItems.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (item is null)
        {
            db.CatalogItems.Add(item = new CatalogItem { Key = key, Name = key });
        }
        item.Update(request.Name!, request.PreApproved!.Value, request.Approver, request.Keywords);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CatalogItemView.From(item));
    }

    /// <summary>Legacy items are deleted; versioned items are retired (their versions stay for the requests filed against them).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string key, RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var item = await db.CatalogItems.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (item is null)
        {
            return HttpProblems.NotFound("Catalogue item not found", $"No catalogue item has the key '{key}'.");
        }
        if (item.CurrentVersion == 0)
        {
            db.CatalogItems.Remove(item);
        }
        else
        {
            db.PublishEvent(item.Retire(time.GetUtcNow()));
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Empty lists instead of nulls, trimmed keys: what is stored is what every reader can rely on.</summary>
    private static CatalogItemDefinition Normalise(CatalogItemDefinition d) => d with
    {
        Form = new CatalogForm(d.Form?.Fields ?? []),
        Approval = d.Approval with { Stages = d.Approval.Stages ?? [] },
        Fulfilment = d.Fulfilment is null ? new FulfilmentPlan([]) : d.Fulfilment with { Tasks = d.Fulfilment.Tasks ?? [] },
        KbArticles = d.KbArticles ?? [],
        Keywords = Terms.Normalise(d.Keywords),
    };

}
