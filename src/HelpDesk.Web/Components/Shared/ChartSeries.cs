namespace HelpDesk.Web.Components.Shared;

/// <summary>One series of a <see cref="ColumnChart"/>: its name (legend), a value per category, its CSS colour class.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, string CssClass);
