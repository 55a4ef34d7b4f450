namespace HelpDesk.AppHost.Hosting;

/// <summary>Project metadata whose ProjectPath is a launch file (<see cref="BuiltProject{TProject}"/>) rather than the project itself.</summary>
public interface IBuiltProjectMetadata : IProjectMetadata
{
    /// <summary>The project's own file.</summary>
    string SourceProjectPath { get; }
}
