using HelpDesk.KnowledgeBase.Infrastructure.Analytics;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>
/// Article authoring (editors) and reading. Handlers load, ask the <see cref="Article"/>, save: every edit is a new
/// version; publishing picks a version and who sees it and queues KbArticlePublished/KbArticleWithdrawn in the
/// outbox, from which every replica indexes. Who may do what is decided in <see cref="KbAccess"/>.
/// </summary>
public static class ArticlesApi
{
    public static RouteGroupBuilder MapArticlesApi(this RouteGroupBuilder kb)
    {
        var articles = kb.MapGroup("/articles").WithTags("KnowledgeBase articles");
        articles.MapPost("/", CreateAsync).WithName("Articles_Create").RequireEditor()
            .WithSummary("Create an article")
            .WithDescription("A new draft article; publish it to make it searchable.");
        articles.MapGet("/", ListAsync).WithName("Articles_List").RequireInternalReader()
            .WithSummary("List articles")
            .WithDescription("Editors' listing, drafts included; readers find published articles through search.");
        articles.MapGet("/{id:guid}", GetAsync).WithName("Articles_Get")
            .WithSummary("Get an article")
            .WithDescription("Agents and editors get the latest edit and its state; readers the published version, if it is theirs to see.").ProducesProblem(404);
        articles.MapPut("/{id:guid}", UpdateAsync).WithName("Articles_Update").RequireEditor()
            .WithSummary("Update an article")
            .WithDescription("Every edit is a new version of the article.").ProducesProblem(404).ProducesProblem(409);
        articles.MapDelete("/{id:guid}", DeleteAsync).WithName("Articles_Delete").RequireEditor()
            .WithSummary("Delete an article")
            .WithDescription("Deletes the article; it disappears from search on every replica.").ProducesProblem(404);
        articles.MapGet("/{id:guid}/versions", VersionsAsync).WithName("Articles_ListVersions").RequireInternalReader()
            .WithSummary("List an article's versions")
            .WithDescription("Every saved version, newest first.").ProducesProblem(404);
        articles.MapGet("/{id:guid}/versions/{version:int}", VersionAsync).WithName("Articles_GetVersion").RequireInternalReader()
            .WithSummary("Get one version of an article")
            .WithDescription("The article as it was at that version.").ProducesProblem(404);
        articles.MapPost("/{id:guid}/publish", PublishAsync).WithName("Articles_Publish").RequireEditor()
            .WithSummary("Publish an article")
            .WithDescription("Publishes a version of the article to the readers it is for; every replica indexes it.").ProducesProblem(404);
        articles.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithName("Articles_Withdraw").RequireEditor()
            .WithSummary("Withdraw an article")
            .WithDescription("Takes the article out of search; it can be published again.").ProducesProblem(404);
        articles.MapPost("/{id:guid}/feedback", FeedbackAsync).WithName("Articles_Feedback")
            .WithSummary("Rate an article")
            .WithDescription("A reader's helpful / not helpful vote with an optional comment.").ProducesProblem(404);
        return kb;
    }

    private static async Task<Results<Created<ArticleView>, ValidationProblem>> CreateAsync(
        ArticleInput input, Caller caller, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (ArticleValidation.Validate(input, validation) is not { } content)
        {
            return validation.Problem();
        }
        var (article, result) = Article.Create(content, caller.AuthorName(), time.GetUtcNow());
        db.Articles.Add(article);
        await db.SaveAsync(result, cancellationToken);
        return TypedResults.Created($"/api/v1/kb/articles/{article.Id}", ArticleView.Latest(article));
    }

    /// <summary>Editors' listing (drafts included); readers find published articles through search.</summary>
    private static async Task<Results<Ok<ArticleList>, ValidationProblem>> ListAsync(
        KnowledgeBaseDbContext db, string? visibility, string? lang, string? category, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var wanted = ArticleValidation.Visibility(visibility, validation);
        var (p, size) = Paging.Read(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var query = db.Articles.AsNoTracking().Where(a => !a.Deleted);
        if (wanted is { } w)
        {
            query = query.Where(a => a.Visibility == w);
        }
        if (KbLanguages.Normalize(lang) is { } language)
        {
            query = query.Where(a => a.Language == language);
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            var c = Article.NormalizeLabel(category);
            query = query.Where(a => a.Category == c);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.UpdatedAt).Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ArticleList(total, p, size, [.. items.Select(ArticleView.Latest)]));
    }

    /// <summary>Agents and editors get the latest edit and its state; readers the published version, if it is theirs to see.</summary>
    private static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> GetAsync(
        Guid id, Caller caller, KnowledgeBaseDbContext db, SearchAnalytics analytics, TimeProvider time, Guid? searchId, string? requester, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
        if (article is not null && caller.CanSeeInternal())
        {
            return TypedResults.Ok(ArticleView.Latest(article));
        }
        if (article is null || !article.IsPublishedFor(seesInternal: false))
        {
            return ArticleProblems.NotFound(id);
        }
        var version = await db.ArticleVersions.AsNoTracking().FirstAsync(v => v.ArticleId == id && v.Version == article.PublishedVersion, cancellationToken);
        RecordVisit(analytics, id, caller.RequesterKey(requester), searchId, time.GetUtcNow());
        return TypedResults.Ok(ArticleView.Published(article, version));
    }

    private static async Task<Results<Ok<ArticleView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, ArticleInput input, Caller caller, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (ArticleValidation.Validate(input, validation) is not { } content)
        {
            return validation.Problem();
        }
        if (await FindLiveAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleProblems.NotFound(id);
        }
        var result = article.Edit(content, input.ExpectedVersion, caller.AuthorName(), time.GetUtcNow());
        if (result.Error is { } error)
        {
            return ArticleProblems.Conflict(error);
        }
        await db.SaveAsync(result, cancellationToken);
        return TypedResults.Ok(ArticleView.Latest(article));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleProblems.NotFound(id);
        }
        await db.SaveAsync(article.Delete(time.GetUtcNow()), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<ArticleVersionView>>, ProblemHttpResult>> VersionsAsync(Guid id, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }
        var versions = await db.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == id).OrderBy(v => v.Version).ToListAsync(cancellationToken);
        return TypedResults.Ok(versions.Select(v => ArticleVersionView.From(v, article)).ToList());
    }

    private static async Task<Results<Ok<ArticleVersionView>, ProblemHttpResult>> VersionAsync(Guid id, int version, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var found = await db.ArticleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.Version == version, cancellationToken);
        return article is null || found is null ? ArticleProblems.VersionNotFound(id, version) : TypedResults.Ok(ArticleVersionView.From(found, article));
    }

    private static async Task<Results<Ok<ArticleView>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        Guid id, PublishInput? input, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        input ??= new PublishInput();
        var visibility = input.Visibility ?? ArticleVisibility.Published;
        if (visibility == ArticleVisibility.Draft)
        {
            // Checked before the lookup so a draft request is a 400 whether or not the article exists.
            return ArticleProblems.Validation(Article.PublishAsDraft);
        }
        if (await FindLiveAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleProblems.NotFound(id);
        }
        var number = input.Version ?? article.LatestVersion;
        var version = await db.ArticleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.Version == number, cancellationToken);
        var result = article.Publish(number, version, visibility, time.GetUtcNow());
        if (result.Error is { } error)
        {
            return ArticleProblems.Validation(error);
        }
        await db.SaveAsync(result, cancellationToken);
        return TypedResults.Ok(ArticleView.Latest(article));
    }

    private static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> WithdrawAsync(Guid id, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleProblems.NotFound(id);
        }
        await db.SaveAsync(article.Withdraw(time.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(ArticleView.Latest(article));
    }

    private static async Task<Results<Ok<FeedbackView>, ValidationProblem, ProblemHttpResult>> FeedbackAsync(
        Guid id, FeedbackInput input, Caller caller, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .When(input.Helpful is null, "helpful", "Say whether the article helped (true or false).")
            .MaxLength(input.Comment, "comment", Article.MaxCommentLength, $"At most {Article.MaxCommentLength} characters.")
            .MaxLength(input.Requester, "requester", SearchLogEntry.MaxRequesterLength);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var article = await FindLiveAsync(db, id, cancellationToken);
        var result = article?.RecordFeedback(input.Helpful!.Value, input.Comment, input.TicketId, caller.RequesterKey(input.Requester), caller.CanSeeInternal(), time.GetUtcNow());
        if (article is null || result is not { Succeeded: true })
        {
            return ArticleProblems.NotFound(id);
        }
        await db.SaveAsync(result, cancellationToken);
        return TypedResults.Ok(new FeedbackView(id, article.HelpfulCount, article.NotHelpfulCount));
    }

    /// <summary>A reader opened a published article: a click on the search it came from, and a visit for the deflection report.</summary>
    private static void RecordVisit(SearchAnalytics analytics, Guid articleId, string? requester, Guid? searchId, DateTimeOffset now)
    {
        if (searchId is { } search)
        {
            analytics.Record(new SearchClicked(search, articleId, now));
        }
        if (requester is not null)
        {
            analytics.Record(new ArticleVisited(new ArticleVisit { Id = Guid.CreateVersion7(now), ArticleId = articleId, Requester = requester, SearchId = searchId, At = now }));
        }
    }

    /// <summary>The article for a change (tracked), unless deleted.</summary>
    private static Task<Article?> FindLiveAsync(KnowledgeBaseDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Articles.FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
}
