using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Articles;

public sealed record ArticleInput(string? Title, string? Body, string? Language, string? Category, IReadOnlyList<string>? Tags, int? ExpectedVersion = null);

public sealed record PublishInput(int? Version = null, ArticleVisibility? Visibility = null);

public sealed record FeedbackInput(bool? Helpful, string? Comment = null, Guid? TicketId = null);

public sealed record ArticleView(
    Guid Id, int Version, string Title, string Body, string Language, string Category, IReadOnlyList<string> Tags,
    ArticleVisibility Visibility, int LatestVersion, int? PublishedVersion, int HelpfulCount, int NotHelpfulCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ArticleVersionView(int Version, string Title, string Body, string Language, string Category, IReadOnlyList<string> Tags, string? Author, DateTimeOffset CreatedAt, bool Published);

public sealed record FeedbackView(Guid ArticleId, int HelpfulCount, int NotHelpfulCount);

public sealed record ArticleList(int Total, int Page, int PageSize, IReadOnlyList<ArticleView> Items);

/// <summary>
/// Article authoring (scope kb:write) and reading. Every edit is a new version; publishing picks a version and who
/// sees it and queues KbArticlePublished/KbArticleWithdrawn in the outbox, from which every replica indexes.
/// </summary>
public static class ArticlesApi
{
    public static RouteGroupBuilder MapArticles(this RouteGroupBuilder kb)
    {
        var articles = kb.MapGroup("/articles").WithTags("KnowledgeBase articles");
        articles.MapPost("/", CreateAsync);
        articles.MapGet("/", ListAsync);
        articles.MapGet("/{id:guid}", GetAsync);
        articles.MapPut("/{id:guid}", UpdateAsync);
        articles.MapDelete("/{id:guid}", DeleteAsync);
        articles.MapGet("/{id:guid}/versions", VersionsAsync);
        articles.MapGet("/{id:guid}/versions/{version:int}", VersionAsync);
        articles.MapPost("/{id:guid}/publish", PublishAsync);
        articles.MapPost("/{id:guid}/withdraw", WithdrawAsync);
        articles.MapPost("/{id:guid}/feedback", FeedbackAsync);
        return kb;
    }

    private static async Task<IResult> CreateAsync(ArticleInput input, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = KbCaller.From(http);
        if (!caller.CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        if (Validate(input) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = time.GetUtcNow();
        var article = new Article
        {
            Id = Guid.CreateVersion7(),
            Title = input.Title!.Trim(),
            Body = input.Body!.Trim(),
            Language = KbLanguages.Normalize(input.Language)!,
            Category = NormalizeLabel(input.Category!),
            Tags = NormalizeTags(input.Tags),
            LatestVersion = 1,
            Visibility = ArticleVisibility.Draft,
            StateChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Articles.Add(article);
        db.ArticleVersions.Add(NewVersion(article, http, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/kb/articles/{article.Id}", Latest(article));
    }

    private static async Task<IResult> ListAsync(HttpContext http, KnowledgeBaseDbContext db, string? visibility, string? lang, string? category, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        // Editors' listing (drafts included); readers find published articles through search.
        if (!KbCaller.From(http).CanSeeInternal)
        {
            return KbCaller.Forbidden(KbCaller.InternalScope);
        }
        var errors = new Dictionary<string, string[]>();
        ArticleVisibility? wanted = null;
        if (visibility is not null)
        {
            if (Enum.TryParse<ArticleVisibility>(visibility, ignoreCase: true, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["visibility"] = ["Use draft, published or internal."];
            }
        }
        var (p, size) = Paging(page, pageSize, errors);
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
            var c = NormalizeLabel(category);
            query = query.Where(a => a.Category == c);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.UpdatedAt).Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ArticleList(total, p, size, [.. items.Select(Latest)]));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var caller = KbCaller.From(http);
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        if (caller.CanSeeInternal)
        {
            return TypedResults.Ok(Latest(article));
        }
        if (article is not { Visibility: ArticleVisibility.Published, PublishedVersion: { } published })
        {
            return TypedResults.NotFound();
        }
        var version = await db.ArticleVersions.AsNoTracking().FirstAsync(v => v.ArticleId == id && v.Version == published, cancellationToken);
        return TypedResults.Ok(PublishedView(article, version));
    }

    private static async Task<IResult> UpdateAsync(Guid id, ArticleInput input, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        if (Validate(input) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        if (input.ExpectedVersion is { } expected && expected != article.LatestVersion)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Edited meanwhile",
                detail: $"expectedVersion is {expected} but the latest version is {article.LatestVersion}.");
        }
        var now = time.GetUtcNow();
        article.Title = input.Title!.Trim();
        article.Body = input.Body!.Trim();
        article.Language = KbLanguages.Normalize(input.Language)!;
        article.Category = NormalizeLabel(input.Category!);
        article.Tags = NormalizeTags(input.Tags);
        article.LatestVersion++;
        article.UpdatedAt = now;
        db.ArticleVersions.Add(NewVersion(article, http, now));
        // The published version stays what readers see until this version is published.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Latest(article));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        article.Deleted = true;
        Withdraw(db, article, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> VersionsAsync(Guid id, HttpContext http, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
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
        return TypedResults.Ok(versions.Select(v => VersionView(v, article)).ToList());
    }

    private static async Task<IResult> VersionAsync(Guid id, int version, HttpContext http, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanSeeInternal)
        {
            return KbCaller.Forbidden(KbCaller.InternalScope);
        }
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var found = await db.ArticleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.Version == version, cancellationToken);
        return article is null || found is null ? TypedResults.NotFound() : TypedResults.Ok(VersionView(found, article));
    }

    private static async Task<IResult> PublishAsync(Guid id, PublishInput? input, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        input ??= new PublishInput();
        var visibility = input.Visibility ?? ArticleVisibility.Published;
        if (visibility == ArticleVisibility.Draft)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["visibility"] = ["Publish as published or internal; use /withdraw to make an article a draft again."] });
        }
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        var number = input.Version ?? article.LatestVersion;
        var version = await db.ArticleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.Version == number, cancellationToken);
        if (version is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [$"Article {id} has no version {number}."] });
        }
        var now = time.GetUtcNow();
        article.PublishedVersion = number;
        article.Visibility = visibility;
        article.Revision++;
        article.StateChangedAt = now;
        article.UpdatedAt = now;
        db.PublishEvent(new KbArticlePublished(id, number, version.Title, version.Body, version.Language, version.Category, version.Tags, visibility, now, article.Revision));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Latest(article));
    }

    private static async Task<IResult> WithdrawAsync(Guid id, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanWrite)
        {
            return KbCaller.Forbidden(KbCaller.WriteScope);
        }
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
        if (article is null)
        {
            return TypedResults.NotFound();
        }
        if (article.Visibility != ArticleVisibility.Draft)
        {
            Withdraw(db, article, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(Latest(article));
    }

    private static async Task<IResult> FeedbackAsync(Guid id, FeedbackInput input, HttpContext http, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Helpful is null)
        {
            errors["helpful"] = ["Say whether the article helped (true or false)."];
        }
        if (input.Comment is { Length: > 2000 })
        {
            errors["comment"] = ["At most 2000 characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var caller = KbCaller.From(http);
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id && !a.Deleted, cancellationToken);
        if (article?.PublishedVersion is not { } published ||
            article.Visibility == ArticleVisibility.Draft ||
            (article.Visibility == ArticleVisibility.Internal && !caller.CanSeeInternal))
        {
            return TypedResults.NotFound();
        }
        if (input.Helpful!.Value)
        {
            article.HelpfulCount++;
        }
        else
        {
            article.NotHelpfulCount++;
        }
        db.ArticleFeedback.Add(new ArticleFeedback
        {
            Id = Guid.CreateVersion7(),
            ArticleId = id,
            Version = published,
            Helpful = input.Helpful.Value,
            Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim(),
            TicketId = input.TicketId,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new FeedbackView(id, article.HelpfulCount, article.NotHelpfulCount));
    }

    private static void Withdraw(KnowledgeBaseDbContext db, Article article, DateTimeOffset now)
    {
        var version = article.PublishedVersion ?? article.LatestVersion;
        article.PublishedVersion = null;
        article.Visibility = ArticleVisibility.Draft;
        article.Revision++;
        article.StateChangedAt = now;
        article.UpdatedAt = now;
        db.PublishEvent(new KbArticleWithdrawn(article.Id, version, now, article.Revision));
    }

    internal static (int Page, int PageSize) Paging(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }
        if (pageSize is < 1 or > 100)
        {
            errors["pageSize"] = ["Between 1 and 100."];
        }
        return (page ?? 1, pageSize ?? 10);
    }

    private static Dictionary<string, string[]> Validate(ArticleInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors["title"] = ["A title is required."];
        }
        else if (input.Title.Trim().Length > Article.MaxTitleLength)
        {
            errors["title"] = [$"At most {Article.MaxTitleLength} characters."];
        }
        if (string.IsNullOrWhiteSpace(input.Body))
        {
            errors["body"] = ["A body is required."];
        }
        else if (input.Body.Length > Article.MaxBodyLength)
        {
            errors["body"] = [$"At most {Article.MaxBodyLength} characters."];
        }
        if (KbLanguages.Normalize(input.Language) is null)
        {
            errors["language"] = [$"One of: {string.Join(", ", KbLanguages.Supported)}."];
        }
        if (string.IsNullOrWhiteSpace(input.Category) || NormalizeLabel(input.Category).Length is 0 or > Article.MaxLabelLength)
        {
            errors["category"] = [$"A category of 1 to {Article.MaxLabelLength} characters is required."];
        }
        if (input.Tags is { } tags && (tags.Count > 20 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > Article.MaxLabelLength)))
        {
            errors["tags"] = [$"At most 20 tags of 1 to {Article.MaxLabelLength} characters."];
        }
        return errors;
    }

    /// <summary>Categories and tags are matched exactly by filters and facets, so they are stored lower-case.</summary>
    public static string NormalizeLabel(string label) => label.Trim().ToLowerInvariant();

    private static List<string> NormalizeTags(IReadOnlyList<string>? tags) => [.. (tags ?? []).Select(NormalizeLabel).Distinct(StringComparer.Ordinal)];

    private static ArticleVersion NewVersion(Article article, HttpContext http, DateTimeOffset now) => new()
    {
        ArticleId = article.Id,
        Version = article.LatestVersion,
        Title = article.Title,
        Body = article.Body,
        Language = article.Language,
        Category = article.Category,
        Tags = [.. article.Tags],
        Author = http.Request.Headers["X-HelpDesk-Client-Name"].FirstOrDefault(),
        CreatedAt = now,
    };

    private static ArticleView Latest(Article a) =>
        new(a.Id, a.LatestVersion, a.Title, a.Body, a.Language, a.Category, a.Tags, a.Visibility, a.LatestVersion, a.PublishedVersion, a.HelpfulCount, a.NotHelpfulCount, a.CreatedAt, a.UpdatedAt);

    private static ArticleView PublishedView(Article a, ArticleVersion v) =>
        new(a.Id, v.Version, v.Title, v.Body, v.Language, v.Category, v.Tags, a.Visibility, v.Version, a.PublishedVersion, a.HelpfulCount, a.NotHelpfulCount, a.CreatedAt, a.UpdatedAt);

    private static ArticleVersionView VersionView(ArticleVersion v, Article a) =>
        new(v.Version, v.Title, v.Body, v.Language, v.Category, v.Tags, v.Author, v.CreatedAt, a.PublishedVersion == v.Version);
}
