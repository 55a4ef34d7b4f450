namespace HelpDesk.KnowledgeBase.Api;

public sealed record SynonymView(Guid Id, string Language, IReadOnlyList<string> Terms, DateTimeOffset UpdatedAt)
{
    public static SynonymView From(SynonymGroup group) => new(group.Id, group.Language, group.Terms, group.UpdatedAt);
}
