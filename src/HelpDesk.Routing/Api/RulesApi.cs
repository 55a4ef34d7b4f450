using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/rules: ordered routing rules (lowest priority number is evaluated first).</summary>
internal static class RulesApi
{
    public static RouteGroupBuilder MapRulesApi(this RouteGroupBuilder routing)
    {
        var rules = routing.MapGroup("/rules");
        rules.MapGet("/", ListAsync).WithName("Rules_List")
            .WithSummary("List routing rules")
            .WithDescription("Rules in the order they are tried.");
        rules.MapGet("/{id:guid}", GetAsync).WithName("Rules_Get")
            .WithSummary("Get a routing rule")
            .WithDescription("One routing rule.").ProducesProblem(404);
        rules.MapPost("/", CreateAsync).WithName("Rules_Create")
            .WithSummary("Create a routing rule")
            .WithDescription("A rule that sends matching tickets to a queue (and category, priority).");
        rules.MapPut("/{id:guid}", UpdateAsync).WithName("Rules_Update")
            .WithSummary("Update a routing rule")
            .WithDescription("Replaces a rule's conditions and outcome.").ProducesProblem(404);
        rules.MapDelete("/{id:guid}", DeleteAsync).WithName("Rules_Delete")
            .WithSummary("Delete a routing rule")
            .WithDescription("Removes a rule; tickets already routed keep their queue.").ProducesProblem(404);
        return routing;
    }

    private static async Task<Ok<List<RuleView>>> ListAsync(RoutingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(RuleEngine.InEvaluationOrder(await db.Rules.AsNoTracking().ToListAsync(cancellationToken)).Select(RuleView.From).ToList());

    private static async Task<Results<Ok<RuleView>, NotFound>> GetAsync(Guid id, RoutingDbContext db, CancellationToken cancellationToken) =>
        await db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } rule
            ? TypedResults.Ok(RuleView.From(rule))
            : TypedResults.NotFound();

    private static async Task<Results<Created<RuleView>, ValidationProblem>> CreateAsync(
        RuleRequest request, RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = await ValidateAsync(request, null, db, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var rule = new RoutingRule { Id = Guid.CreateVersion7(), Name = request.Name!.Trim(), Queue = request.Queue!.Trim() };
        Apply(rule, request, time.GetUtcNow());
        db.Rules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/routing/rules/{rule.Id}", RuleView.From(rule));
    }

    private static async Task<Results<Ok<RuleView>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, RuleRequest request, RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return TypedResults.NotFound();
        }
        var validation = await ValidateAsync(request, id, db, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        rule.Name = request.Name!.Trim();
        rule.Queue = request.Queue!.Trim();
        Apply(rule, request, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RuleView.From(rule));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, RoutingDbContext db, CancellationToken cancellationToken) =>
        await db.Rules.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) > 0 ? TypedResults.NoContent() : TypedResults.NotFound();

    internal static void Apply(RoutingRule rule, RuleRequest request, DateTimeOffset now)
    {
        rule.Priority = request.Priority ?? 100;
        rule.Enabled = request.Enabled ?? true;
        rule.Types = request.Types?.Distinct().ToList() ?? [];
        rule.Channels = request.Channels?.Distinct().ToList() ?? [];
        rule.Organisations = Terms.Normalise(request.Organisations);
        rule.Keywords = Terms.Normalise(request.Keywords);
        rule.Tags = Terms.Normalise(request.Tags);
        rule.Category = string.IsNullOrWhiteSpace(request.Category) ? null : request.Category.Trim();
        rule.PriorityOverride = request.PriorityOverride;
        rule.AddTags = Terms.Normalise(request.AddTags);
        rule.UpdatedAt = now;
    }

    private static async Task<Validation> ValidateAsync(RuleRequest request, Guid? id, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required(request.Name, "name", 100)
            .Required(request.Queue, "queue", 100)
            .NoBlanks(request.Keywords, "keywords")
            .NoBlanks(request.Tags, "tags")
            .NoBlanks(request.Organisations, "organisations")
            .NoBlanks(request.AddTags, "addTags");
        if (request.Category is { Length: > 100 })
        {
            validation.Add("category", "'category' must be at most 100 characters.");
        }
        if (request.Priority is < 0 or > 1_000_000)
        {
            validation.Add("priority", "'priority' must be between 0 and 1000000.");
        }
        if (!string.IsNullOrWhiteSpace(request.Name))
        {
            var name = request.Name.Trim();
            if (await db.Rules.AnyAsync(r => r.Name == name && r.Id != id, cancellationToken))
            {
                validation.Add("name", $"A rule named '{name}' already exists.");
            }
        }
        return validation;
    }
}
