namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// A second weight set of a <see cref="RoutingModel"/> for tickets identified in <paramref name="Languages"/>: same
/// categories and features, its own weights, word scores and temperature (model format 2).
/// </summary>
public sealed record LanguageHead(IReadOnlyList<string> Languages, RoutingModel Model);
