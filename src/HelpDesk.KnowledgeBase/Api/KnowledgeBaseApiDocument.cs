using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>The service's published OpenAPI document (docs/openapi/kb.json, /openapi/kb.json at the gateway).</summary>
public static class KnowledgeBaseApiDocument
{
    public static readonly ServiceApiDocument Document = new(
        "kb",
        "Knowledge base",
        "Articles that answer questions before they become tickets: search, suggestions while a requester types, feedback, and the editors' writing and publishing workflow.",
        typeof(KnowledgeBaseApiDocument).Assembly,
        new Dictionary<string, string>
        {
            ["KnowledgeBase"] = "Search and suggestions for readers and channel apps (ticket deflection).",
            ["KnowledgeBase articles"] = "Reading, writing, reviewing, publishing and retiring articles and their versions.",
            ["KnowledgeBase analytics"] = "What readers search for, what they click and what they could not find.",
            ["KnowledgeBase synonyms"] = "Synonyms the search expands queries with.",
        });
}
