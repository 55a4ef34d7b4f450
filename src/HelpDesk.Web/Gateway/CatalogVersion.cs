using System.Text.Json;

namespace HelpDesk.Web.Gateway;

/// <summary>One published version of a catalogue item; the definition is kept as routing wrote it.</summary>
public sealed record CatalogVersion(string Key, int Version, bool Current, bool Retired, DateTimeOffset PublishedAt, string PublishedBy, JsonElement Definition);
