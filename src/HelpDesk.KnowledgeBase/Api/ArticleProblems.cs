namespace HelpDesk.KnowledgeBase.Api;

/// <summary>RFC 7807 answers for refused article transitions and missing articles.</summary>
public static class ArticleProblems
{
    public static ValidationProblem Validation(ArticleError error) =>
        HelpDesk.ServiceDefaults.Http.Validation.Problem(error.Field ?? "article", error.Detail);

    public static ProblemHttpResult Conflict(ArticleError error) => HttpProblems.Conflict(error.Title, error.Detail);

    public static ProblemHttpResult NotFound(Guid id) => HttpProblems.NotFound("Article not found", $"No article {id} for this caller.");

    public static ProblemHttpResult VersionNotFound(Guid id, int version) =>
        HttpProblems.NotFound("Version not found", $"Article {id} has no version {version}.");
}
