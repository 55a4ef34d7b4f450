namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;

/// <summary>
/// Index: a hyphenated or mixed word is kept as its parts and joined ("Wi-Fi" → wi, fi, wifi), so any spelling
/// finds it. Query: only the joined form ("Wi-Fi", "wi-fi" and "wifi" all → wifi), one term per typed word.
/// </summary>
public enum KbAnalysisMode { Index, Query }
