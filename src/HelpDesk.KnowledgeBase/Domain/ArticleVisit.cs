namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>A known requester opened a published article (from a search, or directly): the start of a possible deflection.</summary>
public sealed class ArticleVisit
{
    public Guid Id { get; init; }

    public Guid ArticleId { get; init; }

    public required string Requester { get; init; }

    public Guid? SearchId { get; init; }

    public DateTimeOffset At { get; init; }
}
