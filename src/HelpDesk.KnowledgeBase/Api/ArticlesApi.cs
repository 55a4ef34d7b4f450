using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>
/// Article authoring (scope kb:write) and reading. Handlers load, ask the <see cref="Article"/>, save: every edit is
/// a new version; publishing picks a version and who sees it and queues KbArticlePublished/KbArticleWithdrawn in
/// the outbox, from which every replica indexes.
/// </summary>
public static class ArticlesApi
{
    public static RouteGroupBuilder MapArticlesApi(this RouteGroupBuilder kb)
    {
        var articles = kb.MapGroup("/articles").WithTags("KnowledgeBase articles");
        articles.MapPost("/", CreateAsync).WithName("KbCreateArticle");
        articles.MapGet("/", ListAsync).WithName("KbListArticles");
        articles.MapGet("/{id:guid}", GetAsync).WithName("KbGetArticle");
        articles.MapPut("/{id:guid}", UpdateAsync).WithName("KbUpdateArticle");
        articles.MapDelete("/{id:guid}", DeleteAsync).WithName("KbDeleteArticle");
        articles.MapGet("/{id:guid}/versions", VersionsAsync).WithName("KbArticleVersions");
        articles.MapGet("/{id:guid}/versions/{version:int}", VersionAsync).WithName("KbArticleVersion");
        articles.MapPost("/{id:guid}/publish", PublishAsync).WithName("KbPublishArticle");
        articles.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithName("KbWithdrawArticle");
        articles.MapPost("/{id:guid}/feedback", FeedbackAsync).WithName("KbArticleFeedback");
        return kb;
    }

    private static async Task<Results<Created<ArticleView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ArticleInput input, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = KbCaller.From(http);
        if (!caller.CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        var errors = new Dictionary<string, string[]>();
        if (ArticleValidation.Validate(input, errors) is not { } content)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (article, result) = Article.Create(content, caller.ClientName, time.GetUtcNow());
        db.Articles.Add(article);
        await db.SaveAsync(result, cancellationToken);
        return TypedResults.Created($"/api/v1/kb/articles/{article.Id}", ArticleView.Latest(article));
    }

    /// <summary>Editors' listing (drafts included); readers find published articles through search.</summary>
    private static async Task<Results<Ok<ArticleList>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, KnowledgeBaseDbContext db, string? visibility, string? lang, string? category, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanSeeInternal)
        {
            return KbCaller.Forbidden(KbCaller.InternalScope);
        }
        var errors = new Dictionary<string, string[]>();
        var wanted = ArticleValidation.Visibility(visibility, errors);
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
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

    private static async Task<Results<Ok<ArticleView>, NotFound>> GetAsync(Guid id, HttpContext http, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var caller = KbCaller.From(http);
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        if (caller.CanSeeInternal)
        {
            return TypedResults.Ok(ArticleView.Latest(article));
        }
        if (article is not { Visibility: ArticleVisibility.Published, PublishedVersion: { } published })
        {
            return TypedResults.NotFound();
        }
        var version = await db.ArticleVersions.AsNoTracking().FirstAsync(v => v.ArticleId == id && v.Version == published, cancellationToken);
        return TypedResults.Ok(ArticleView.Published(article, version));
    }

    private static async Task<Results<Ok<ArticleView>, ValidationProblem, ProblemHttpResult, NotFound>> UpdateAsync(
        Guid id, ArticleInput input, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = KbCaller.From(http);
        if (!caller.CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        var errors = new Dictionary<string, string[]>();
        if (ArticleValidation.Validate(input, errors) is not { } content)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var article = await FindLiveAsync(db, id, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        var result = article.Edit(content, input.ExpectedVersion, caller.ClientName, time.GetUtcNow());
        if (result.Error is { } error)
        {
            return ArticleProblems.Conflict(error);
        }
        await db.SaveAsync(result, cancellationToken);
        return TypedResults.Ok(ArticleView.Latest(article));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, NotFound>> DeleteAsync(
        Guid id, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        var article = await FindLiveAsync(db, id, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        await db.SaveAsync(article.Delete(time.GetUtcNow()), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<ArticleVersionView>>, ProblemHttpResult, NotFound>> VersionsAsync(
        Guid id, HttpContext http, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanSeeInternal)
        {
            return KbCaller.Forbidden(KbCaller.InternalScope);
        }
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        var versions = await db.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == id).OrderBy(v => v.Version).ToListAsync(cancellationToken);
        return TypedResults.Ok(versions.Select(v => ArticleVersionView.From(v, article)).ToList());
    }

    private static async Task<Results<Ok<ArticleVersionView>, ProblemHttpResult, NotFound>> VersionAsync(
        Guid id, int version, HttpContext http, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanSeeInternal)
        {
            return KbCaller.Forbidden(KbCaller.InternalScope);
        }
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var found = await db.ArticleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.Version == version, cancellationToken);
        return article is null || found is null ? TypedResults.NotFound() : TypedResults.Ok(ArticleVersionView.From(found, article));
    }

    private static async Task<Results<Ok<ArticleView>, ValidationProblem, ProblemHttpResult, NotFound>> PublishAsync(
        Guid id, PublishInput? input, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        input ??= new PublishInput();
        var visibility = input.Visibility ?? ArticleVisibility.Published;
        if (visibility == ArticleVisibility.Draft)
        {
            // Checked before the lookup so a draft request is a 400 whether or not the article exists.
            return ArticleProblems.Validation(Article.PublishAsDraft);
        }
        var article = await FindLiveAsync(db, id, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
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

    private static async Task<Results<Ok<ArticleView>, ProblemHttpResult, NotFound>> WithdrawAsync(
        Guid id, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        var article = await FindLiveAsync(db, id, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        await db.SaveAsync(article.Withdraw(time.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(ArticleView.Latest(article));
    }

    private static async Task<Results<Ok<FeedbackView>, ValidationProblem, NotFound>> FeedbackAsync(
        Guid id, FeedbackInput input, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Helpful is null)
        {
            errors["helpful"] = ["Say whether the article helped (true or false)."];
        }
        if (input.Comment is { Length: > Article.MaxCommentLength })
        {
            errors["comment"] = [$"At most {Article.MaxCommentLength} characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var article = await FindLiveAsync(db, id, cancellationToken);
        var result = article?.RecordFeedback(input.Helpful!.Value, input.Comment, input.TicketId, KbCaller.From(http).CanSeeInternal, time.GetUtcNow());
        if (article is null || result is not { Succeeded: true })
        {
            return TypedResults.NotFound();
        }
        await db.SaveAsync(result, cancellationToken);
        return TypedResults.Ok(new FeedbackView(id, article.HelpfulCount, article.NotHelpfulCount));
    }

    /// <summary>The article for a change (tracked), unless deleted.</summary>
    private static Task<Article?> FindLiveAsync(KnowledgeBaseDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Articles.FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
}
