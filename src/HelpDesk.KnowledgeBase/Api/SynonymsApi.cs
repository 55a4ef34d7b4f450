using HelpDesk.KnowledgeBase.Infrastructure.Search.Synonyms;
using HelpDesk.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>
/// Per-language synonyms (editors write, agents read). Applied at query time: a change is live on this replica when
/// the call returns and on the others when they hear <c>KbSynonymsChanged</c>; no reindex.
/// </summary>
public static class SynonymsApi
{
    public static RouteGroupBuilder MapSynonymsApi(this RouteGroupBuilder kb)
    {
        var synonyms = kb.MapGroup("/synonyms").WithTags("KnowledgeBase synonyms");
        synonyms.MapGet("/", ListAsync).WithName("Synonyms_List").RequireInternalReader()
            .WithSummary("List synonym sets")
            .WithDescription("The sets of words the search treats as the same.");
        synonyms.MapPost("/", CreateAsync).WithName("Synonyms_Create").RequireEditor()
            .WithSummary("Create a synonym set")
            .WithDescription("Words the search will treat as the same (e.g. `vpn, remote access`).");
        synonyms.MapPut("/{id:guid}", UpdateAsync).WithName("Synonyms_Update").RequireEditor()
            .WithSummary("Update a synonym set")
            .WithDescription("Replaces the words of a synonym set.").ProducesProblem(404);
        synonyms.MapDelete("/{id:guid}", DeleteAsync).WithName("Synonyms_Delete").RequireEditor()
            .WithSummary("Delete a synonym set")
            .WithDescription("The words are no longer treated as the same.").ProducesProblem(404);
        return kb;
    }

    private static async Task<Results<Ok<List<SynonymView>>, ValidationProblem>> ListAsync(string? lang, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var language = SearchApi.ReadLanguage(lang, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var query = db.SynonymGroups.AsNoTracking();
        if (language is not null)
        {
            query = query.Where(g => g.Language == language);
        }
        var groups = await query.OrderBy(g => g.Language).ThenBy(g => g.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(groups.Select(SynonymView.From).ToList());
    }

    private static async Task<Results<Created<SynonymView>, ValidationProblem>> CreateAsync(
        SynonymInput input, KnowledgeBaseDbContext db, SynonymCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (Validate(input, catalog, validation) is not { } valid)
        {
            return validation.Problem();
        }
        var now = time.GetUtcNow();
        var group = SynonymGroup.Create(valid.Language, valid.Terms, now);
        db.SynonymGroups.Add(group);
        db.PublishEvent(new KbSynonymsChanged([valid.Language], now));
        await SaveAndApplyAsync(db, catalog, cancellationToken);
        return TypedResults.Created($"/api/v1/kb/synonyms/{group.Id}", SynonymView.From(group));
    }

    private static async Task<Results<Ok<SynonymView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, SynonymInput input, KnowledgeBaseDbContext db, SynonymCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (Validate(input, catalog, validation) is not { } valid)
        {
            return validation.Problem();
        }
        if (await db.SynonymGroups.FindAsync([id], cancellationToken) is not { } group)
        {
            return NotFound(id);
        }
        db.PublishEvent(group.Change(valid.Language, valid.Terms, time.GetUtcNow()));
        await SaveAndApplyAsync(db, catalog, cancellationToken);
        return TypedResults.Ok(SynonymView.From(group));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, KnowledgeBaseDbContext db, SynonymCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.SynonymGroups.FindAsync([id], cancellationToken) is not { } group)
        {
            return NotFound(id);
        }
        db.SynonymGroups.Remove(group);
        db.PublishEvent(group.Removed(time.GetUtcNow()));
        await SaveAndApplyAsync(db, catalog, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Language supported; 2–20 distinct members, each of 1–64 characters with a searchable word in that language.</summary>
    private static (string Language, List<string> Terms)? Validate(SynonymInput input, SynonymCatalog catalog, Validation validation)
    {
        var language = KbLanguages.Normalize(input.Language);
        validation.When(language is null, "language", $"One of: {string.Join(", ", KbLanguages.Supported)}.");
        var terms = SynonymGroup.Normalize(input.Terms ?? []);
        validation.When(terms.Count is < 2 or > SynonymGroup.MaxTerms, "terms", $"Give 2 to {SynonymGroup.MaxTerms} different words or phrases.");
        for (var i = 0; i < terms.Count && language is not null; i++)
        {
            validation
                .MaxLength(terms[i], $"terms[{i}]", SynonymGroup.MaxTermLength)
                .When(catalog.AnalyzeMember(language, terms[i]).Count == 0, $"terms[{i}]", $"'{terms[i]}' has no searchable word in '{language}' (only stop words or punctuation).");
        }
        return validation.IsValid ? (language!, terms) : null;
    }

    private static async Task SaveAndApplyAsync(KnowledgeBaseDbContext db, SynonymCatalog catalog, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await catalog.ReloadAsync(cancellationToken);
    }

    private static ProblemHttpResult NotFound(Guid id) => HttpProblems.NotFound("Synonym group not found", $"No synonym group {id}.");
}
