using HelpDesk.Contracts;
using HelpDesk.Routing.Assignment;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

public sealed record QueueRequest(AssignmentStrategy? Strategy);

public sealed record QueueView(string Name, AssignmentStrategy Strategy, int Agents, int WaitingTickets, int AwaitingApproval);

public sealed record AgentRequest(string? Name, string? Email, List<string>? Queues, List<string>? Skills, int? Capacity, bool? OnShift, DateTimeOffset? OutOfOfficeUntil);

public sealed record AvailabilityRequest(bool? OnShift, DateTimeOffset? OutOfOfficeUntil);

public sealed record AgentView(
    string Id, string Name, string? Email, IReadOnlyList<string> Queues, IReadOnlyList<string> Skills, int Capacity,
    bool OnShift, DateTimeOffset? OutOfOfficeUntil, bool Available, int OpenTickets, DateTimeOffset? LastAssignedAt);

public sealed record CatalogItemRequest(string? Name, bool? PreApproved, string? Approver, List<string>? Keywords);

public sealed record CatalogItemView(string Key, string Name, bool PreApproved, string? Approver, IReadOnlyList<string> Keywords)
{
    public static CatalogItemView From(CatalogItem i) => new(i.Key, i.Name, i.PreApproved, i.Approver, i.Keywords);
}

public sealed record PortalChoiceRequest(string? Key, string? Label, string? Description, TicketType? Type, string? Category, string? CatalogItem);

public sealed record PortalChoiceView(string Key, string Label, string? Description, TicketType Type, string? Category, string? CatalogItem);

public sealed record PortalChoicesView(string Portal, IReadOnlyList<PortalChoiceView> Choices);

/// <summary>Queues, agents, the service catalogue and portal choices.</summary>
internal static class DirectoryApi
{
    public const int MinPortalChoices = 4;
    public const int MaxPortalChoices = 6;

    public static void MapDirectoryApi(this RouteGroupBuilder routing)
    {
        MapQueues(routing.MapGroup("/queues"));
        MapAgents(routing.MapGroup("/agents"));
        MapCatalog(routing.MapGroup("/catalog"));
        MapPortals(routing.MapGroup("/portals"));
    }

    private static void MapQueues(RouteGroupBuilder queues)
    {
        queues.MapGet("/", async (RoutingDbContext db, CancellationToken cancellationToken) =>
        {
            var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
            var pending = await db.RoutedTickets.AsNoTracking()
                .Where(t => t.State == RoutedTicketState.Waiting || t.State == RoutedTicketState.AwaitingApproval)
                .GroupBy(t => new { t.Queue, t.State })
                .Select(g => new { g.Key.Queue, g.Key.State, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var declared = await db.Queues.AsNoTracking().ToListAsync(cancellationToken);
            var names = declared.Select(q => q.Name)
                .Concat(agents.SelectMany(a => a.Queues))
                .Concat(pending.Select(p => p.Queue))
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
            return TypedResults.Ok(names.Select(name => new QueueView(
                name,
                declared.FirstOrDefault(q => q.Name == name)?.Strategy ?? AssignmentStrategy.LeastLoaded,
                agents.Count(a => a.Queues.Contains(name, StringComparer.OrdinalIgnoreCase)),
                pending.Where(p => p.Queue == name && p.State == RoutedTicketState.Waiting).Sum(p => p.Count),
                pending.Where(p => p.Queue == name && p.State == RoutedTicketState.AwaitingApproval).Sum(p => p.Count))).ToList());
        });

        queues.MapPut("/{name}", async Task<Results<Ok<QueueView>, ValidationProblem>> (string name, QueueRequest request, RoutingDbContext db, AssignmentService assignment, CancellationToken cancellationToken) =>
        {
            var validation = new Validation().Require(name, "name", 100);
            if (request.Strategy is null)
            {
                validation.Add("strategy", "'strategy' is required (RoundRobin, LeastLoaded or SkillsMatch).");
            }
            if (!validation.IsValid)
            {
                return TypedResults.ValidationProblem(validation.Errors);
            }
            name = name.Trim();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var queue = await db.Queues.FirstOrDefaultAsync(q => q.Name == name, cancellationToken);
            if (queue is null)
            {
                db.Queues.Add(queue = new RoutingQueue { Name = name });
            }
            queue.Strategy = request.Strategy!.Value;
            await db.SaveChangesAsync(cancellationToken);
            await assignment.AssignWaitingAsync(db, name, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var agents = (await db.Agents.AsNoTracking().ToListAsync(cancellationToken)).Count(a => a.Queues.Contains(name, StringComparer.OrdinalIgnoreCase));
            var waiting = await db.RoutedTickets.CountAsync(t => t.Queue == name && t.State == RoutedTicketState.Waiting, cancellationToken);
            var approval = await db.RoutedTickets.CountAsync(t => t.Queue == name && t.State == RoutedTicketState.AwaitingApproval, cancellationToken);
            return TypedResults.Ok(new QueueView(name, queue.Strategy, agents, waiting, approval));
        });
    }

    private static void MapAgents(RouteGroupBuilder agents)
    {
        agents.MapGet("/", async (RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var all = await db.Agents.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
            return TypedResults.Ok(all.Select(a => View(a, time.GetUtcNow())).ToList());
        });

        agents.MapGet("/{id}", async Task<Results<Ok<AgentView>, NotFound>> (string id, RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
            await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } agent
                ? TypedResults.Ok(View(agent, time.GetUtcNow()))
                : TypedResults.NotFound());

        agents.MapPut("/{id}", async Task<Results<Ok<AgentView>, ValidationProblem>> (string id, AgentRequest request, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var validation = new Validation().Require(id, "id", 100).Require(request.Name, "name", 200).NoBlanks(request.Queues, "queues").NoBlanks(request.Skills, "skills");
            if (request.Capacity is < 0 or > 10_000)
            {
                validation.Add("capacity", "'capacity' must be between 0 and 10000.");
            }
            if (request.Email is { Length: > 320 } || (request.Email is { Length: > 0 } email && !email.Contains('@', StringComparison.Ordinal)))
            {
                validation.Add("email", "'email' must be an e-mail address.");
            }
            if (!validation.IsValid)
            {
                return TypedResults.ValidationProblem(validation.Errors);
            }
            return TypedResults.Ok(await SaveAgentAsync(db, assignment, time, id.Trim(), agent =>
            {
                agent.Name = request.Name!.Trim();
                agent.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
                agent.Queues = Validation.Clean(request.Queues);
                agent.Skills = Validation.Clean(request.Skills);
                agent.Capacity = request.Capacity ?? 10;
                agent.OnShift = request.OnShift ?? true;
                agent.OutOfOfficeUntil = request.OutOfOfficeUntil?.ToUniversalTime();
            }, cancellationToken));
        });

        agents.MapPut("/{id}/availability", async Task<Results<Ok<AgentView>, NotFound, ValidationProblem>> (string id, AvailabilityRequest request, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (request.OnShift is null)
            {
                return TypedResults.ValidationProblem(new Validation().Add("onShift", "'onShift' is required.").Errors);
            }
            if (!await db.Agents.AnyAsync(a => a.Id == id, cancellationToken))
            {
                return TypedResults.NotFound();
            }
            return TypedResults.Ok(await SaveAgentAsync(db, assignment, time, id, agent =>
            {
                agent.OnShift = request.OnShift.Value;
                agent.OutOfOfficeUntil = request.OutOfOfficeUntil?.ToUniversalTime();
            }, cancellationToken));
        });
    }

    /// <summary>Creates or changes an agent, then gives waiting tickets of the agent's queues to whoever now has room.</summary>
    private static async Task<AgentView> SaveAgentAsync(RoutingDbContext db, AssignmentService assignment, TimeProvider time, string id, Action<Agent> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agent is null)
        {
            db.Agents.Add(agent = new Agent { Id = id, Name = id });
        }
        change(agent);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var queue in agent.Queues)
        {
            await assignment.AssignWaitingAsync(db, queue, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(agent, time.GetUtcNow());
    }

    private static AgentView View(Agent a, DateTimeOffset now) =>
        new(a.Id, a.Name, a.Email, a.Queues, a.Skills, a.Capacity, a.OnShift, a.OutOfOfficeUntil, a.IsAvailable(now), a.OpenTickets, a.LastAssignedAt);

    private static void MapCatalog(RouteGroupBuilder catalog)
    {
        catalog.MapGet("/", async (RoutingDbContext db, CancellationToken cancellationToken) =>
            TypedResults.Ok((await db.CatalogItems.AsNoTracking().OrderBy(i => i.Key).ToListAsync(cancellationToken)).Select(CatalogItemView.From).ToList()));

        catalog.MapGet("/{key}", async Task<Results<Ok<CatalogItemView>, NotFound>> (string key, RoutingDbContext db, CancellationToken cancellationToken) =>
            await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key, cancellationToken) is { } item
                ? TypedResults.Ok(CatalogItemView.From(item))
                : TypedResults.NotFound());

        catalog.MapPut("/{key}", async Task<Results<Ok<CatalogItemView>, ValidationProblem>> (string key, CatalogItemRequest request, RoutingDbContext db, CancellationToken cancellationToken) =>
        {
            var validation = new Validation().Require(key, "key", 100).Require(request.Name, "name", 200).NoBlanks(request.Keywords, "keywords");
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
                return TypedResults.ValidationProblem(validation.Errors);
            }
            key = key.Trim();
            var item = await db.CatalogItems.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
            if (item is null)
            {
                db.CatalogItems.Add(item = new CatalogItem { Key = key, Name = key });
            }
            item.Name = request.Name!.Trim();
            item.PreApproved = request.PreApproved!.Value;
            item.Approver = string.IsNullOrWhiteSpace(request.Approver) ? null : request.Approver.Trim();
            item.Keywords = Validation.Clean(request.Keywords);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(CatalogItemView.From(item));
        });

        catalog.MapDelete("/{key}", async Task<Results<NoContent, NotFound>> (string key, RoutingDbContext db, CancellationToken cancellationToken) =>
            await db.CatalogItems.Where(i => i.Key == key).ExecuteDeleteAsync(cancellationToken) > 0 ? TypedResults.NoContent() : TypedResults.NotFound());
    }

    private static void MapPortals(RouteGroupBuilder portals)
    {
        portals.MapGet("/", async (RoutingDbContext db, CancellationToken cancellationToken) =>
            TypedResults.Ok(await db.PortalChoices.AsNoTracking().Select(c => c.Portal).Distinct().OrderBy(p => p).ToListAsync(cancellationToken)));

        portals.MapGet("/{portal}/choices", async Task<Results<Ok<PortalChoicesView>, NotFound>> (string portal, RoutingDbContext db, CancellationToken cancellationToken) =>
        {
            var choices = await db.PortalChoices.AsNoTracking().Where(c => c.Portal == portal).OrderBy(c => c.Order).ToListAsync(cancellationToken);
            return choices.Count == 0
                ? TypedResults.NotFound()
                : TypedResults.Ok(new PortalChoicesView(portal, choices.Select(c => new PortalChoiceView(c.Key, c.Label, c.Description, c.Type, c.Category, c.CatalogItem)).ToList()));
        });

        portals.MapPut("/{portal}/choices", async Task<Results<Ok<PortalChoicesView>, ValidationProblem>> (string portal, List<PortalChoiceRequest>? request, RoutingDbContext db, CancellationToken cancellationToken) =>
        {
            var validation = await ValidateChoicesAsync(portal, request, db, cancellationToken);
            if (!validation.IsValid)
            {
                return TypedResults.ValidationProblem(validation.Errors);
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
            return TypedResults.Ok(new PortalChoicesView(portal, choices.Select(c => new PortalChoiceView(c.Key, c.Label, c.Description, c.Type, c.Category, c.CatalogItem)).ToList()));
        });
    }

    private static async Task<Validation> ValidateChoicesAsync(string portal, List<PortalChoiceRequest>? choices, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require(portal, "portal", 100);
        if (choices is null || choices.Count is < MinPortalChoices or > MaxPortalChoices)
        {
            return validation.Add("choices", $"A portal offers between {MinPortalChoices} and {MaxPortalChoices} top-level choices; got {choices?.Count ?? 0}.");
        }
        var catalog = (await db.CatalogItems.AsNoTracking().Select(i => i.Key).ToListAsync(cancellationToken)).ToHashSet();
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            validation.Require(choice.Key, $"choices[{i}].key", 100).Require(choice.Label, $"choices[{i}].label", 200);
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
