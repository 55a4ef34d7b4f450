namespace HelpDesk.Intake;

/// <summary>
/// Configuration section <c>Intake:MajorIncidents</c>: when <see cref="Threshold"/> incidents that routing put in one
/// category and queue, with texts at least <see cref="Similarity"/> alike, arrive within <see cref="Window"/>, a
/// major-incident candidate is raised (once) and they are linked to it; later similar ones join it.
/// </summary>
public sealed class MajorIncidentOptions
{
    public const string Section = "Intake:MajorIncidents";

    public bool Enabled { get; set; } = true;

    public int Threshold { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Jaccard index of the normalised word sets (see <c>TextSimilarity</c>), 0–1.</summary>
    public double Similarity { get; set; } = 0.6;

    /// <summary>How many recent incidents of the queue and category one arrival compares itself with.</summary>
    public int MaxCompared { get; set; } = 2000;
}
