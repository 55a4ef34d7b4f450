using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Sla.Calendars;
using HelpDesk.Sla.Clocks;
using HelpDesk.Sla.Policies;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Api;

public sealed record DefinitionView<T>(string Name, DefinitionSource Source, DateTimeOffset UpdatedAt, T Definition);

/// <summary>
/// Policies and calendars: read all, create or replace by name, delete. Definitions from configuration are
/// read-only here (configuration would overwrite an edit at the next start).
/// </summary>
public static partial class SlaDefinitionsApi
{
    public static RouteGroupBuilder MapSlaDefinitions(this RouteGroupBuilder group)
    {
        group.MapGet("/policies", (SlaDbContext db, CancellationToken ct) => ListAsync<PolicyDefinition>(db, DefinitionKind.Policy, ct));
        group.MapGet("/policies/{name}", (string name, SlaDbContext db, CancellationToken ct) => GetAsync<PolicyDefinition>(db, DefinitionKind.Policy, name, ct));
        group.MapPut("/policies/{name}", PutPolicyAsync);
        group.MapDelete("/policies/{name}", (string name, SlaDbContext db, SlaCatalogProvider catalogs, CancellationToken ct) => DeleteAsync(db, catalogs, DefinitionKind.Policy, name, ct));

        group.MapGet("/calendars", (SlaDbContext db, CancellationToken ct) => ListAsync<CalendarDefinition>(db, DefinitionKind.Calendar, ct));
        group.MapGet("/calendars/{name}", (string name, SlaDbContext db, CancellationToken ct) => GetAsync<CalendarDefinition>(db, DefinitionKind.Calendar, name, ct));
        group.MapPut("/calendars/{name}", PutCalendarAsync);
        group.MapDelete("/calendars/{name}", (string name, SlaDbContext db, SlaCatalogProvider catalogs, CancellationToken ct) => DeleteAsync(db, catalogs, DefinitionKind.Calendar, name, ct));
        return group;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();

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
        var errors = new Dictionary<string, string[]>();
        CheckName(name, errors);
        var calendars = await db.Definitions.AsNoTracking().Where(d => d.Kind == DefinitionKind.Calendar).Select(d => d.Name).ToListAsync(cancellationToken);
        definition.Compile(name, calendars.Append(BusinessCalendar.AlwaysName).ToHashSet(StringComparer.Ordinal), errors);
        return await SaveAsync(db, catalogs, time, DefinitionKind.Policy, name, definition, errors, cancellationToken);
    }

    private static async Task<Results<Ok<DefinitionView<CalendarDefinition>>, Created<DefinitionView<CalendarDefinition>>, ValidationProblem, ProblemHttpResult>> PutCalendarAsync(
        string name, CalendarDefinition definition, SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckName(name, errors);
        if (name == BusinessCalendar.AlwaysName)
        {
            errors["name"] = ["24x7 is built in and cannot be redefined."];
        }
        definition.Compile(name, errors);
        return await SaveAsync(db, catalogs, time, DefinitionKind.Calendar, name, definition, errors, cancellationToken);
    }

    private static async Task<Results<Ok<DefinitionView<T>>, Created<DefinitionView<T>>, ValidationProblem, ProblemHttpResult>> SaveAsync<T>(
        SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, DefinitionKind kind, string name, T definition,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
        where T : class
    {
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
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
        record.Json = JsonSerializer.Serialize(definition, SlaClockStore.JsonOptions);
        record.Source = DefinitionSource.Api;
        record.UpdatedAt = time.GetUtcNow();
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
            var users = policies.Where(p => SlaCatalogProvider.Deserialize<PolicyDefinition>(p)?.Calendar == name).Select(p => p.Name).ToList();
            if (users.Count > 0)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Calendar in use",
                    detail: $"Calendar '{name}' is used by policies {string.Join(", ", users)}.");
            }
        }
        db.Definitions.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        catalogs.Invalidate();
        return TypedResults.NoContent();
    }

    private static void CheckName(string name, Dictionary<string, string[]> errors)
    {
        if (!NamePattern().IsMatch(name))
        {
            errors["name"] = ["Names are 1–100 letters, digits, '.', '_' or '-'."];
        }
    }

    private static ProblemHttpResult ConfiguredConflict(DefinitionKind kind, string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Defined in configuration",
            detail: $"{kind} '{name}' comes from configuration (Sla:{kind}s:{name}); change it there.");

    private static DefinitionView<T> ToView<T>(SlaDefinitionRecord record) =>
        new(record.Name, record.Source, record.UpdatedAt, SlaCatalogProvider.Deserialize<T>(record)!);
}
