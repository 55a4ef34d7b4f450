namespace HelpDesk.Web.Gateway;

/// <summary>One question of a catalogue form; <see cref="Type"/> is routing's field type name (Text, Textarea, Number, Integer, Boolean, Date, Email, Url, Choice, MultiChoice).</summary>
public sealed record CatalogFormField(
    string Key, string Type, string Label, bool Required, int? MinLength, int? MaxLength, decimal? Minimum, decimal? Maximum,
    string? Pattern, IReadOnlyList<CatalogFormOption>? Options, int? MaxItems, string? Help);
