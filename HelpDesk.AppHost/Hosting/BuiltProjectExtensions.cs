using System.Reflection;
using System.Security;

namespace HelpDesk.AppHost.Hosting;

/// <summary>Project resources started from their build output (<see cref="BuiltProject{TProject}"/>).</summary>
public static class BuiltProjectExtensions
{
    /// <summary>The AppHost's build configuration, which DCP passes to `dotnet run` as --configuration.</summary>
    private static readonly string Configuration =
        typeof(BuiltProjectExtensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>Target framework of the services (the AppHost's own: Directory.Build.props sets one for all).</summary>
    private static readonly string TargetFramework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    /// <summary>
    /// A project resource started from its build output when the program is built (see <see cref="BuiltProject{TProject}"/>),
    /// otherwise an ordinary one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddBuiltProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var source = new TProject().ProjectPath;
        if (!File.Exists(ProgramPath(source, Configuration)))
        {
            return builder.AddProject<TProject>(name);
        }
        // Aspire reads the project file's directory as soon as the resource is added (launch settings), so it is written now.
        WriteLaunchFile(source);
        return builder.AddProject<BuiltProject<TProject>>(name);
    }

    /// <summary>The path of the project's own file, whichever way the resource is started.</summary>
    public static string SourceProjectPath(this ProjectResource project) =>
        project.GetProjectMetadata() is IBuiltProjectMetadata built ? built.SourceProjectPath : project.GetProjectMetadata().ProjectPath;

    internal static string LaunchFilePath(string sourceProjectPath) =>
        Path.Combine(Path.GetDirectoryName(sourceProjectPath)!, "obj", Path.GetFileNameWithoutExtension(sourceProjectPath) + ".launch.proj");

    private static string ProgramPath(string sourceProjectPath, string configuration) =>
        Path.Combine(Path.GetDirectoryName(sourceProjectPath)!, "bin", configuration, TargetFramework,
            Path.GetFileNameWithoutExtension(sourceProjectPath) + (OperatingSystem.IsWindows() ? ".exe" : ""));

    /// <summary>Writes the launch file (same text every time; written aside and moved so parallel runs never see half a file).</summary>
    private static void WriteLaunchFile(string source)
    {
        var path = LaunchFilePath(source);
        var text = LaunchFile(source);
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// What `dotnet run` needs and nothing more: a runnable output type, the program to start, the project directory as
    /// the working directory (what `dotnet run --project` gives the real project), and Build for the dashboard's rebuild.
    /// $(Configuration) is the one DCP passes with --configuration.
    /// </summary>
    private static string LaunchFile(string source)
    {
        var directory = SecurityElement.Escape(Path.GetDirectoryName(source)!);
        var name = SecurityElement.Escape(Path.GetFileNameWithoutExtension(source));
        var project = SecurityElement.Escape(source);
        var extension = OperatingSystem.IsWindows() ? ".exe" : "";
        return $"""
            <!-- Written by HelpDesk.AppHost (Hosting/BuiltProject.cs): DCP starts {name} from its build output through this file. -->
            <Project>
              <PropertyGroup>
                <Configuration Condition="'$(Configuration)' == ''">{Configuration}</Configuration>
                <OutputType>Exe</OutputType>
                <TargetFramework>{TargetFramework}</TargetFramework>
                <RunCommand>{directory}/bin/$(Configuration)/{TargetFramework}/{name}{extension}</RunCommand>
                <RunWorkingDirectory>{directory}</RunWorkingDirectory>
              </PropertyGroup>
              <Target Name="ComputeRunArguments" />
              <Target Name="Restore" />
              <Target Name="Build">
                <MSBuild Projects="{project}" Targets="Build" Properties="Configuration=$(Configuration)" />
              </Target>
            </Project>

            """;
    }
}
