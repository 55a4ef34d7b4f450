namespace HelpDesk.AppHost.Kubernetes;

/// <summary>A run-to-completion step of a service's own image before its Deployment serves (the `migrate` verb).</summary>
/// <param name="Name">Base name of the Job (the release tag is appended: Jobs are immutable).</param>
/// <param name="Args">Container arguments.</param>
public sealed record MigrationJob(string Name, IReadOnlyList<string> Args);
