namespace HelpDesk.Notifications.Templates;

/// <summary>
/// "Notifications:Templates": what one Liquid rendering may cost. Templates are written by administrators, but a
/// mistake (or a stolen admin key) must not take the service down: every rendering is bounded in steps, nesting,
/// output and time, and the parsed-template cache in entries.
/// </summary>
public sealed class TemplateLimits
{
    public const string Section = "Notifications:Templates";

    /// <summary>Statements executed per rendering (loops count each iteration).</summary>
    public int MaxSteps { get; set; } = 100_000;

    /// <summary>Nesting depth of blocks, includes and filters.</summary>
    public int MaxRecursion { get; set; } = 20;

    /// <summary>Characters one part (subject, text, HTML) may produce, and any string a filter may build.</summary>
    public int MaxOutputChars { get; set; } = 256 * 1024;

    /// <summary>Wall-clock time one part may take to render.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Parsed templates kept; the least recently added are dropped beyond it.</summary>
    public int MaxCachedTemplates { get; set; } = 512;
}
