namespace HelpDesk.AppHost.Hosting;

/// <summary>
/// A project resource that DCP starts from its build output. DCP runs every project resource as
/// `dotnet run --project P --no-build` (DcpExecutor.PrepareProjectExecutables, no setting changes that), and `dotnet run`
/// first evaluates P with the whole .NET SDK: about a second of CPU per process, 4 processes embedded and 13 distributed
/// (services and migrators), on a machine where they all start at once. Here P is a launch file next to the project's
/// build output (obj/NAME.launch.proj): a few lines of MSBuild without the SDK whose RunCommand is the program the build
/// made, so `dotnet run` starts it after a trivial evaluation. Everything else is Aspire's as before: the resource is a
/// ProjectResource (dashboard, OTLP settings, endpoints, service discovery, replicas); the working directory, arguments
/// and environment are those `dotnet run` gives the real project; the dashboard's rebuild command builds the real project.
/// When the program has not been built (e.g. the AppHost built in another configuration), the project runs as usual.
/// </summary>
public sealed class BuiltProject<TProject> : IBuiltProjectMetadata
    where TProject : IProjectMetadata, new()
{
    /// <summary>The project's own file (the Kubernetes manifests name the image after it).</summary>
    public string SourceProjectPath { get; } = new TProject().ProjectPath;

    /// <summary>The launch file DCP hands to `dotnet run`.</summary>
    public string ProjectPath => BuiltProjectExtensions.LaunchFilePath(SourceProjectPath);

    /// <summary>DCP adds --no-build, as for the generated Projects.* types: the AppHost's build built the project.</summary>
    public bool SuppressBuild => true;
}
