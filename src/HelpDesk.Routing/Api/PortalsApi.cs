using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/portals: the few top-level request choices each portal offers.</summary>
internal static class PortalsApi
{
    public static RouteGroupBuilder MapPortalsApi(this RouteGroupBuilder routing)
    {
        var portals = routing.MapGroup("/portals");
        portals.MapGet("/", ListAsync).WithName("Portals_List")
            .WithSummary("List portals")
            .WithDescription("Portals with their top-level request choices.");
        portals.MapGet("/{portal}/choices", GetChoicesAsync).WithName("Portals_GetChoices")
            .WithSummary("Get a portal's choices")
            .WithDescription("The top-level request choices a portal offers, in order.").ProducesProblem(404);
        portals.MapPut("/{portal}/choices", PutChoicesAsync).WithName("Portals_PutChoices")
            .WithSummary("Set a portal's choices")
            .WithDescription("Replaces a portal's choices as a whole, in the order given.");
        return routing;
    }

    private static async Task<Ok<List<string>>> ListAsync(RoutingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.PortalChoices.AsNoTracking().Select(c => c.Portal).Distinct().OrderBy(p => p).ToListAsync(cancellationToken));

    private static async Task<Results<Ok<PortalChoicesView>, NotFound>> GetChoicesAsync(string portal, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var choices = await db.PortalChoices.AsNoTracking().Where(c => c.Portal == portal).OrderBy(c => c.Order).ToListAsync(cancellationToken);
        return choices.Count == 0
            ? TypedResults.NotFound()
            : TypedResults.Ok(new PortalChoicesView(portal, choices.Select(PortalChoiceView.From).ToList()));
    }

    /// <summary>Replaces a portal's choices as a whole, in the order given.</summary>
    private static async Task<Results<Ok<PortalChoicesView>, ValidationProblem>> PutChoicesAsync(
        string portal, List<PortalChoiceRequest>? request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var validation = await ValidateChoicesAsync(portal, request, db, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        portal = portal.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PortalChoices.Where(c => c.Portal == portal).ExecuteDeleteAsync(cancellationToken);
        var choices = request!.Select((c, index) => new PortalChoice
        {
            Portal = portal,
            Order = index,
            Key = c.Key!.Trim(),
            Label = c.Label!.Trim(),
            Description = c.Description?.Trim(),
            Type = c.Type ?? (c.CatalogItem is null ? TicketType.Incident : TicketType.ServiceRequest),
            Category = string.IsNullOrWhiteSpace(c.Category) ? null : c.Category.Trim(),
            CatalogItem = string.IsNullOrWhiteSpace(c.CatalogItem) ? null : c.CatalogItem.Trim(),
        }).ToList();
        db.PortalChoices.AddRange(choices);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new PortalChoicesView(portal, choices.Select(PortalChoiceView.From).ToList()));
    }

    private static async Task<Validation> ValidateChoicesAsync(string portal, List<PortalChoiceRequest>? choices, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(portal, "portal", 100);
        if (choices is null || choices.Count is < PortalChoice.MinPerPortal or > PortalChoice.MaxPerPortal)
        {
            return validation.Add("choices", $"A portal offers between {PortalChoice.MinPerPortal} and {PortalChoice.MaxPerPortal} top-level choices; got {choices?.Count ?? 0}.");
        }
        var catalog = (await db.CatalogItems.AsNoTracking().Select(i => i.Key).ToListAsync(cancellationToken)).ToHashSet();
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            validation.Required(choice.Key, $"choices[{i}].key", 100).Required(choice.Label, $"choices[{i}].label", 200);
            if (choice.CatalogItem is { Length: > 0 } item && !catalog.Contains(item.Trim()))
            {
                validation.Add($"choices[{i}].catalogItem", $"Catalogue item '{item}' does not exist.");
            }
        }
        var duplicates = choices.Where(c => !string.IsNullOrWhiteSpace(c.Key)).GroupBy(c => c.Key!.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            validation.Add("choices", $"Choice keys must be unique: {string.Join(", ", duplicates)}.");
        }
        return validation;
    }
}
