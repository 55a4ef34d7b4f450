using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/catalog: the service catalogue; pre-approved items skip approval, others name their approver.</summary>
internal static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder routing)
    {
        var catalog = routing.MapGroup("/catalog");
        catalog.MapGet("/", ListAsync);
        catalog.MapGet("/{key}", GetAsync);
        catalog.MapPut("/{key}", PutAsync);
        catalog.MapDelete("/{key}", DeleteAsync);
        return routing;
    }

    private static async Task<Ok<List<CatalogItemView>>> ListAsync(RoutingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.CatalogItems.AsNoTracking().OrderBy(i => i.Key).ToListAsync(cancellationToken)).Select(CatalogItemView.From).ToList());

    private static async Task<Results<Ok<CatalogItemView>, NotFound>> GetAsync(string key, RoutingDbContext db, CancellationToken cancellationToken) =>
        await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key, cancellationToken) is { } item
            ? TypedResults.Ok(CatalogItemView.From(item))
            : TypedResults.NotFound();

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

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string key, RoutingDbContext db, CancellationToken cancellationToken) =>
        await db.CatalogItems.Where(i => i.Key == key).ExecuteDeleteAsync(cancellationToken) > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
}
