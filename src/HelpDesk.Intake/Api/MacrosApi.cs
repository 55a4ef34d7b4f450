using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Api;

/// <summary>Named macros agents apply to tickets (<c>POST /api/v1/tickets/{id}/macro-runs</c>) or in bulk.</summary>
public static partial class MacrosApi
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex MacroName();

    public static RouteGroupBuilder MapMacrosApi(this IEndpointRouteBuilder app)
    {
        var macros = app.MapGroup("/api/v1/macros").WithTags("Macros").RequireScope(HelpDeskScopes.TicketsAgent);
        macros.MapGet("/", ListAsync).WithName("Macros_List")
            .WithSummary("List macros")
            .WithDescription("Every saved macro with its actions.");
        macros.MapGet("/{name}", GetAsync).WithName("Macros_Get")
            .WithSummary("Get a macro")
            .WithDescription("One macro by name.").ProducesProblem(404);
        macros.MapPut("/{name}", PutAsync).WithName("Macros_Put")
            .WithSummary("Create or replace a macro")
            .WithDescription("Saves a macro under its name; its actions are checked as if applied.");
        macros.MapDelete("/{name}", DeleteAsync).WithName("Macros_Delete")
            .WithSummary("Delete a macro")
            .WithDescription("Removes a macro; tickets it was applied to keep their changes.").ProducesProblem(404);
        return macros;
    }

    private static async Task<Ok<MacroResponse[]>> ListAsync(IntakeDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Macros.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken)).Select(MacroResponse.From).ToArray());

    private static async Task<Results<Ok<MacroResponse>, ProblemHttpResult>> GetAsync(string name, IntakeDbContext db, CancellationToken cancellationToken) =>
        await db.Macros.AsNoTracking().FirstOrDefaultAsync(m => m.Name == Key(name), cancellationToken) is { } macro
            ? TypedResults.Ok(MacroResponse.From(macro))
            : MacroNotFound(name);

    private static async Task<Results<Ok<MacroResponse>, ValidationProblem>> PutAsync(
        string name, MacroRequest request, Caller caller, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = Key(name);
        var validation = new Validation()
            .When(!MacroName().IsMatch(key), "name", "A macro name is 1–100 characters of a-z 0-9 . _ -.")
            .MaxLength(request.Description, "description", 500);
        var plan = TicketActionParser.Parse(request.Actions, "actions", validation);
        if (plan is null || !validation.IsValid)
        {
            return validation.Problem();
        }
        var macro = await db.Macros.FirstOrDefaultAsync(m => m.Name == key, cancellationToken);
        if (macro is null)
        {
            macro = new Macro { Name = key, UpdatedBy = caller.DisplayName };
            db.Macros.Add(macro);
        }
        macro.Description = request.Description?.Trim();
        macro.Actions = [.. request.Actions!.Select(a => new MacroAction(a!.Field.Trim(), a.Value?.Trim()))];
        macro.UpdatedBy = caller.DisplayName;
        macro.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MacroResponse.From(macro));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, IntakeDbContext db, CancellationToken cancellationToken) =>
        await db.Macros.Where(m => m.Name == Key(name)).ExecuteDeleteAsync(cancellationToken) > 0 ? TypedResults.NoContent() : MacroNotFound(name);

    public static string Key(string name) => name.Trim().ToLowerInvariant();

    private static ProblemHttpResult MacroNotFound(string name) => HttpProblems.NotFound("Macro not found", $"No macro is named '{(name.Length > 100 ? name[..100] : name)}'.");
}
