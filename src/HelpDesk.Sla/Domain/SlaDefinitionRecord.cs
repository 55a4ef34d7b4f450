using System.Text.Json;

namespace HelpDesk.Sla.Domain;

/// <summary>A calendar or policy definition (JSON) with where it came from.</summary>
public sealed class SlaDefinitionRecord
{
    public DefinitionKind Kind { get; set; }

    public string Name { get; set; } = "";

    public string Json { get; set; } = "";

    public DefinitionSource Source { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The stored definition (a <see cref="CalendarDefinition"/> or <see cref="PolicyDefinition"/>).</summary>
    public T? Read<T>() => JsonSerializer.Deserialize<T>(Json, SlaJson.Options);

    /// <summary>Stores <paramref name="definition"/> as coming from <paramref name="source"/>.</summary>
    public void Write(object definition, DefinitionSource source, DateTimeOffset now)
    {
        Json = JsonSerializer.Serialize(definition, definition.GetType(), SlaJson.Options);
        Source = source;
        UpdatedAt = now;
    }
}
