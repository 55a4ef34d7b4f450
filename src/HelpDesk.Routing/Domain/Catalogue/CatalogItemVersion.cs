using HelpDesk.Contracts;

namespace HelpDesk.Routing.Domain;

/// <summary>One immutable version of a catalogue item: what a request filed against it was asked, and how it is approved and fulfilled.</summary>
public sealed class CatalogItemVersion
{
    public required string Key { get; set; }
    public int Version { get; set; }
    public required CatalogItemDefinition Definition { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
}
