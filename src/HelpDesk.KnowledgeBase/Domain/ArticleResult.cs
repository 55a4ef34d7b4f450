namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>
/// What an article transition decided: an error, or success with the events to publish (through the outbox, in the
/// same transaction) and any new rows (a version, a feedback record) for the handler to save.
/// </summary>
public sealed record ArticleResult(ArticleError? Error, IReadOnlyList<object> Events)
{
    public bool Succeeded => Error is null;

    public ArticleVersion? NewVersion { get; init; }

    public ArticleFeedback? Feedback { get; init; }

    public static ArticleResult Ok(params object[] events) => new(null, events);

    public static ArticleResult Fail(ArticleError error) => new(error, []);
}
