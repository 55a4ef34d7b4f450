namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>An indexed term within a few edits of a typed one; <see cref="Similarity"/> is 1 for identical, less per edit.</summary>
internal sealed record FuzzyCandidate(string Term, float Similarity, int DocFreq);
