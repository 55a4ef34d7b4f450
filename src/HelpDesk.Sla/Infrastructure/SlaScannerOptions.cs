namespace HelpDesk.Sla.Infrastructure;

public sealed class SlaScannerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Due clocks handled per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Longest sleep between looks at the due index: bounds lateness for clocks written by other replicas.</summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromSeconds(1);
}
