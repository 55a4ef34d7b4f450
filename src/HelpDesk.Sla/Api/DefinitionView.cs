namespace HelpDesk.Sla.Api;

public sealed record DefinitionView<T>(string Name, DefinitionSource Source, DateTimeOffset UpdatedAt, T Definition);
