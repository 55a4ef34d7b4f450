using HelpDesk.Contracts;

namespace HelpDesk.Routing.Api;

public sealed record CatalogFormFieldView(
    string Key, FormFieldType Type, string Label, bool Required, int? MinLength, int? MaxLength, decimal? Minimum, decimal? Maximum,
    string? Pattern, IReadOnlyList<CatalogFormOptionView>? Options, int? MaxItems, string? Help);
