using System.Reflection;

namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>
/// One service's published OpenAPI document: served at <c>/openapi/{Name}.json</c> by the service (and, through the
/// gateway, at the same path), holding the endpoints whose handlers live in <see cref="Assembly"/>. In the embedded
/// host every service shares one app, so the assembly is what tells the documents apart.
/// </summary>
/// <param name="Name">The document name and file name (<c>intake</c>, <c>kb</c>, …), as the gateway routes it.</param>
/// <param name="Title">The service as readers know it ("Intake (tickets)"); the document is titled "HelpDesk {Title} API".</param>
/// <param name="Description">What the service is for, in a sentence or two (Markdown).</param>
/// <param name="Assembly">The service's assembly.</param>
/// <param name="Tags">A description for each tag its endpoints use (Markdown).</param>
public sealed record ServiceApiDocument(
    string Name,
    string Title,
    string Description,
    Assembly Assembly,
    IReadOnlyDictionary<string, string> Tags);
