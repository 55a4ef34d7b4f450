namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

/// <summary>Why a slot may also be matched by other terms; each kind weighs a little less than the word itself.</summary>
public enum AlternativeKind
{
    /// <summary>Adjacent typed words written as one ("wi fi" → wifi, "e mail" → email).</summary>
    Joined,

    /// <summary>A synonym an editor declared for the language (laptop ↔ notebook).</summary>
    Synonym,
}
