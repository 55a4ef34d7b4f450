using HelpDesk.Identity.Domain;
using HelpDesk.Identity.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Identity.Api;

/// <summary>
/// The people directory behind the gateway (/api/v1/identity/**): like every service it accepts only the gateway's
/// forwarded identity. Reading needs directory:read, changing needs directory:admin.
/// </summary>
public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var directory = app.MapGroup("/api/v1/identity").WithTags("Directory");
        directory.MapGet("/me", MeAsync).WithName("Directory_GetMe")
            .WithSummary("Who am I")
            .WithDescription("The directory entry of the signed-in person (or the calling client): roles, groups, organisation and manager.").ProducesProblem(404);
        var users = directory.MapGroup("/users").RequireScopes(read: HelpDeskScopes.DirectoryRead, write: HelpDeskScopes.DirectoryAdmin);
        users.MapGet("/", ListAsync).WithName("Directory_ListUsers")
            .WithSummary("List people")
            .WithDescription("People in the directory with their roles, groups, organisation and manager.");
        users.MapGet("/{id}", GetAsync).WithName("Directory_GetUser")
            .WithSummary("Get a person")
            .WithDescription("One person by user id or user name, e.g. to find a requester's manager for an approval.").ProducesProblem(404);
        users.MapPut("/{id}/roles", PutRolesAsync).WithName("Directory_SetRoles")
            .WithSummary("Set a person's roles")
            .WithDescription("Replaces the person's HelpDesk roles (requester, agent, approver, lead, editor, catalogue-manager, admin). Their sign-in session ends, so new tokens carry the new roles.").ProducesProblem(404);
        users.MapPut("/{id}/groups", PutGroupsAsync).WithName("Directory_SetGroups")
            .WithSummary("Set a person's groups")
            .WithDescription("Replaces the person's groups: approver groups, and for agents the queues they work (a group named like a Routing queue). Takes effect at their next token refresh.").ProducesProblem(404);
        directory.MapPost("/keys/rotate", RotateAsync).WithName("Directory_RotateKeys").RequireScope(HelpDeskScopes.DirectoryAdmin)
            .WithSummary("Rotate the signing keys")
            .WithDescription("Makes new token signing and encryption keys that take over at once (after a suspected leak). Tokens signed with the old key stay valid until they expire.");
        return app;
    }

    private static async Task<Results<Ok<DirectoryEntry>, ProblemHttpResult>> MeAsync(Caller caller, IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var user = caller.IsPerson ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == caller.Id, cancellationToken) : null;
        return user is null
            ? HttpProblems.NotFound("Not in the directory", "The caller is not a person with a local account.")
            : TypedResults.Ok(DirectoryEntry.From(user));
    }

    private static async Task<Ok<List<DirectoryEntry>>> ListAsync(string? organisation, string? role, IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            query = query.Where(u => u.OrganisationId == organisation);
        }
        var users = await query.OrderBy(u => u.NormalizedUserName).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(users.Where(u => string.IsNullOrWhiteSpace(role) || u.HasRole(role)).Select(DirectoryEntry.From).ToList());
    }

    private static async Task<Results<Ok<DirectoryEntry>, ProblemHttpResult>> GetAsync(string id, IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var normalized = id.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id || u.NormalizedUserName == normalized, cancellationToken);
        return user is null ? HttpProblems.NotFound("No such person", $"No account has the id or user name '{id}'.") : TypedResults.Ok(DirectoryEntry.From(user));
    }

    private static async Task<Results<Ok<DirectoryEntry>, ValidationProblem, ProblemHttpResult>> PutRolesAsync(
        string id, RolesRequest request, UserManager<HelpDeskUser> users)
    {
        var roles = request.Roles ?? [];
        var validation = new Validation().When(roles.Any(r => !HelpDeskRoles.IsKnown(r)), "roles", $"Roles must be among: {string.Join(", ", HelpDeskRoles.All)}.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return HttpProblems.NotFound("No such person", $"No account has the id '{id}'.");
        }
        user.Roles = [.. roles.Distinct(StringComparer.Ordinal)];
        // A new security stamp ends the person's sign-in session: the next sign-in carries the new roles.
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(DirectoryEntry.From(user));
    }

    /// <summary>
    /// Sets a person's groups: approver groups, and for agents the queues they work (a group named like a Routing
    /// queue). Takes effect at their next token refresh.
    /// </summary>
    private static async Task<Results<Ok<DirectoryEntry>, ValidationProblem, ProblemHttpResult>> PutGroupsAsync(
        string id, GroupsRequest request, UserManager<HelpDeskUser> users)
    {
        var groups = (request.Groups ?? []).Select(g => g?.Trim() ?? "").ToList();
        var validation = new Validation()
            .When(groups.Count > GroupsRequest.MaxGroups, "groups", $"At most {GroupsRequest.MaxGroups} groups.")
            .When(groups.Any(g => g.Length is 0 or > GroupsRequest.MaxLength), "groups", $"Each group is 1–{GroupsRequest.MaxLength} characters.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return HttpProblems.NotFound("No such person", $"No account has the id '{id}'.");
        }
        user.Groups = [.. groups.Distinct(StringComparer.Ordinal)];
        await users.UpdateAsync(user);
        return TypedResults.Ok(DirectoryEntry.From(user));
    }

    private static async Task<NoContent> RotateAsync(KeyRotation rotation, CancellationToken cancellationToken)
    {
        await rotation.RotateNowAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
