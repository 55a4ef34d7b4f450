using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HelpDesk.AppHost.Hosting;
using TempDirectory = HelpDesk.Testing.TempDirectory;

namespace HelpDesk.AppHost.Tests;

/// <summary>
/// Project resources are started from their build output: DCP's `dotnet run --project` is handed a launch file without
/// the SDK (BuiltProject) rather than the project. The resources stay project resources, and `dotnet run` starts the
/// same program in the same directory as it would from the project itself.
/// </summary>
public sealed class BuiltProjectTests
{
    [Theory]
    [InlineData("--no-containers")]
    [InlineData("--containers")]
    public async Task Every_project_resource_runs_its_own_built_program_through_a_launch_file(string containers)
    {
        using var data = new TempDirectory("apphost-built");
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HelpDesk_AppHost>(
            ["--distributed", containers, "--data", data.Path], TestContext.Current.CancellationToken);
        var projects = builder.Resources.OfType<ProjectResource>().ToList();

        // Gateway, identity, five backends, the web app and the six migrators.
        Assert.Equal(14, projects.Count);
        foreach (var project in projects)
        {
            var metadata = Assert.IsAssignableFrom<IBuiltProjectMetadata>(project.GetProjectMetadata());
            Assert.True(metadata.SuppressBuild, project.Name);
            Assert.EndsWith(".csproj", project.SourceProjectPath(), StringComparison.Ordinal);
            Assert.True(File.Exists(project.SourceProjectPath()), project.Name);
            Assert.True(File.Exists(metadata.ProjectPath), project.Name);
        }
    }

    [Fact]
    public async Task The_launch_file_gives_dotnet_run_the_program_and_directory_the_project_gives_it()
    {
        using var data = new TempDirectory("apphost-built-run");
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HelpDesk_AppHost>(
            ["--data", data.Path], TestContext.Current.CancellationToken);
        var gateway = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "gateway");
        var launchFile = gateway.GetProjectMetadata().ProjectPath;

        foreach (var property in new[] { "RunCommand", "RunArguments", "RunWorkingDirectory" })
        {
            var expected = await PropertyAsync(gateway.SourceProjectPath(), property);
            var actual = await PropertyAsync(launchFile, property);
            // The SDK leaves the working directory empty: `dotnet run` then stays in the project's directory, which is
            // where DCP starts it; the launch file lives elsewhere and names the project's directory.
            if (property == "RunWorkingDirectory" && expected.Length == 0)
            {
                expected = Path.GetDirectoryName(gateway.SourceProjectPath())!;
            }
            Assert.Equal(expected.TrimEnd('/'), actual.TrimEnd('/'));
        }
        Assert.True(File.Exists(await PropertyAsync(launchFile, "RunCommand")));
    }

    private static async Task<string> PropertyAsync(string project, string property)
    {
        var start = new ProcessStartInfo("dotnet", ["msbuild", project, $"-getProperty:{property}", "-p:Configuration=Release", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} -getProperty:{property}: {output}{await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
        return output.Trim();
    }
}
