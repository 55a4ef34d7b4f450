namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

/// <summary>Analyzed terms that also satisfy a slot: one term, or a phrase when there are several ("ordinateur portable").</summary>
public sealed record QueryAlternative(IReadOnlyList<string> Terms, AlternativeKind Kind)
{
    public float Weight => Kind == AlternativeKind.Joined ? 1f : 0.8f;
}
