namespace HelpDesk.KnowledgeBase.Api;

/// <summary>RFC 7807 answers for refused article transitions.</summary>
public static class ArticleProblems
{
    public static ValidationProblem Validation(ArticleError error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [error.Field ?? "article"] = [error.Detail] });

    public static ProblemHttpResult Conflict(ArticleError error) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: error.Title, detail: error.Detail);
}
