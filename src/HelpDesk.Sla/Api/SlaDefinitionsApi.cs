using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Api;

/// <summary>
/// Policies and calendars: read all, create or replace by name, delete. Definitions from configuration are
/// read-only here (configuration would overwrite an edit at the next start).
/// </summary>
public static partial class SlaDefinitionsApi
{
    public static RouteGroupBuilder MapSlaDefinitions(this RouteGroupBuilder group)
    {
        group.MapGet("/policies", ListPoliciesAsync).WithName("SlaPolicies_List")
            .WithSummary("List SLA policies")
            .WithDescription("Response and resolution targets per priority, with their calendars.");
        group.MapGet("/policies/{name}", GetPolicyAsync).WithName("SlaPolicies_Get")
            .WithSummary("Get an SLA policy")
            .WithDescription("One SLA policy by name.").ProducesProblem(404);
        group.MapPut("/policies/{name}", PutPolicyAsync).WithName("SlaPolicies_Put")
            .WithSummary("Create or replace an SLA policy")
            .WithDescription("Targets per priority, warning threshold and business calendar; running clocks keep the policy they started with.");
        group.MapDelete("/policies/{name}", DeletePolicyAsync).WithName("SlaPolicies_Delete")
            .WithSummary("Delete an SLA policy")
            .WithDescription("Refused (409) while the policy is in use.").ProducesProblem(404).ProducesProblem(409);

        group.MapGet("/calendars", ListCalendarsAsync).WithName("SlaCalendars_List")
            .WithSummary("List business calendars")
            .WithDescription("Working hours, time zones and holidays SLA clocks count in.");
        group.MapGet("/calendars/{name}", GetCalendarAsync).WithName("SlaCalendars_Get")
            .WithSummary("Get a business calendar")
            .WithDescription("One business calendar by name.").ProducesProblem(404);
        group.MapPut("/calendars/{name}", PutCalendarAsync).WithName("SlaCalendars_Put")
            .WithSummary("Create or replace a business calendar")
            .WithDescription("Working hours per weekday, time zone and holidays.");
        group.MapDelete("/calendars/{name}", DeleteCalendarAsync).WithName("SlaCalendars_Delete")
            .WithSummary("Delete a business calendar")
            .WithDescription("Refused (409) while a policy uses it.").ProducesProblem(404).ProducesProblem(409);
        return group;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();

    private static Task<Ok<List<DefinitionView<PolicyDefinition>>>> ListPoliciesAsync(SlaDbContext db, CancellationToken cancellationToken) =>
        ListAsync<PolicyDefinition>(db, DefinitionKind.Policy, cancellationToken);

    private static Task<Results<Ok<DefinitionView<PolicyDefinition>>, NotFound>> GetPolicyAsync(string name, SlaDbContext db, CancellationToken cancellationToken) =>
        GetAsync<PolicyDefinition>(db, DefinitionKind.Policy, name, cancellationToken);

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> DeletePolicyAsync(
        string name, SlaDbContext db, SlaCatalogProvider catalogs, CancellationToken cancellationToken) =>
        DeleteAsync(db, catalogs, DefinitionKind.Policy, name, cancellationToken);

    private static Task<Ok<List<DefinitionView<CalendarDefinition>>>> ListCalendarsAsync(SlaDbContext db, CancellationToken cancellationToken) =>
        ListAsync<CalendarDefinition>(db, DefinitionKind.Calendar, cancellationToken);

    private static Task<Results<Ok<DefinitionView<CalendarDefinition>>, NotFound>> GetCalendarAsync(string name, SlaDbContext db, CancellationToken cancellationToken) =>
        GetAsync<CalendarDefinition>(db, DefinitionKind.Calendar, name, cancellationToken);

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteCalendarAsync(
        string name, SlaDbContext db, SlaCatalogProvider catalogs, CancellationToken cancellationToken) =>
        DeleteAsync(db, catalogs, DefinitionKind.Calendar, name, cancellationToken);

    private static async Task<Ok<List<DefinitionView<T>>>> ListAsync<T>(SlaDbContext db, DefinitionKind kind, CancellationToken cancellationToken)
    {
        var records = await db.Definitions.AsNoTracking().Where(d => d.Kind == kind).OrderBy(d => d.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(ToView<T>).ToList());
    }

    private static async Task<Results<Ok<DefinitionView<T>>, NotFound>> GetAsync<T>(SlaDbContext db, DefinitionKind kind, string name, CancellationToken cancellationToken) =>
        await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Kind == kind && d.Name == name, cancellationToken) is { } record
            ? TypedResults.Ok(ToView<T>(record))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<DefinitionView<PolicyDefinition>>, Created<DefinitionView<PolicyDefinition>>, ValidationProblem, ProblemHttpResult>> PutPolicyAsync(
        string name, PolicyDefinition definition, SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Validation();
        CheckName(name, errors);
        var calendars = await db.Definitions.AsNoTracking().Where(d => d.Kind == DefinitionKind.Calendar).Select(d => d.Name).ToListAsync(cancellationToken);
        definition.Compile(name, calendars.Append(BusinessCalendar.AlwaysName).ToHashSet(StringComparer.Ordinal), errors);
        return await SaveAsync(db, catalogs, time, DefinitionKind.Policy, name, definition, errors, cancellationToken);
    }

    private static async Task<Results<Ok<DefinitionView<CalendarDefinition>>, Created<DefinitionView<CalendarDefinition>>, ValidationProblem, ProblemHttpResult>> PutCalendarAsync(
        string name, CalendarDefinition definition, SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Validation();
        CheckName(name, errors);
        if (name == BusinessCalendar.AlwaysName)
        {
            errors.Add("name", "24x7 is built in and cannot be redefined.");
        }
        definition.Compile(name, errors);
        return await SaveAsync(db, catalogs, time, DefinitionKind.Calendar, name, definition, errors, cancellationToken);
    }

    private static async Task<Results<Ok<DefinitionView<T>>, Created<DefinitionView<T>>, ValidationProblem, ProblemHttpResult>> SaveAsync<T>(
        SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, DefinitionKind kind, string name, T definition,
        Validation errors, CancellationToken cancellationToken)
        where T : class
    {
        if (!errors.IsValid)
        {
            return errors.Problem();
        }
        var record = await db.Definitions.FirstOrDefaultAsync(d => d.Kind == kind && d.Name == name, cancellationToken);
        if (record?.Source == DefinitionSource.Configuration)
        {
            return ConfiguredConflict(kind, name);
        }
        var created = record is null;
        if (record is null)
        {
            record = new SlaDefinitionRecord { Kind = kind, Name = name };
            db.Definitions.Add(record);
        }
        record.Write(definition, DefinitionSource.Api, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        catalogs.Invalidate();
        var view = ToView<T>(record);
        return created ? TypedResults.Created($"/api/v1/sla/{(kind == DefinitionKind.Policy ? "policies" : "calendars")}/{name}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        SlaDbContext db, SlaCatalogProvider catalogs, DefinitionKind kind, string name, CancellationToken cancellationToken)
    {
        var record = await db.Definitions.FirstOrDefaultAsync(d => d.Kind == kind && d.Name == name, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }
        if (record.Source == DefinitionSource.Configuration)
        {
            return ConfiguredConflict(kind, name);
        }
        if (kind == DefinitionKind.Calendar)
        {
            var policies = await db.Definitions.AsNoTracking().Where(d => d.Kind == DefinitionKind.Policy).ToListAsync(cancellationToken);
            var users = policies.Where(p => p.Read<PolicyDefinition>()?.Calendar == name).Select(p => p.Name).ToList();
            if (users.Count > 0)
            {
                return HttpProblems.Conflict("Calendar in use", $"Calendar '{name}' is used by policies {string.Join(", ", users)}.");
            }
        }
        db.Definitions.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        catalogs.Invalidate();
        return TypedResults.NoContent();
    }

    private static void CheckName(string name, Validation errors)
    {
        if (!NamePattern().IsMatch(name))
        {
            errors.Add("name", "Names are 1–100 letters, digits, '.', '_' or '-'.");
        }
    }

    private static ProblemHttpResult ConfiguredConflict(DefinitionKind kind, string name) =>
        HttpProblems.Conflict("Defined in configuration", $"{kind} '{name}' comes from configuration (Sla:{kind}s:{name}); change it there.");

    private static DefinitionView<T> ToView<T>(SlaDefinitionRecord record) =>
        new(record.Name, record.Source, record.UpdatedAt, record.Read<T>()!);
}
