using System.Text.Json;

namespace HelpDesk.AppHost.Tests.Kubernetes;

/// <summary>
/// The images the manifests name are the ones `dotnet publish -t:PublishContainer` builds: same repository, non-root
/// user, port and data directory. Evaluated with MSBuild (building an image needs a registry to pull the base from).
/// </summary>
public sealed class ContainerImageTests
{
    public static TheoryData<string> ServiceNames() => PublishedManifests.ServiceNames();

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Each_service_project_builds_the_image_the_manifests_name(string name)
    {
        var service = PublishedManifests.Service(name);
        var project = Path.Combine(RepositoryRoot(), "src", service.Project, service.Project + ".csproj");
        Assert.True(File.Exists(project), project);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        var result = await ProcessRunner.RunAsync(dotnet,
        [
            "msbuild", project, "-nologo", "-nodeReuse:false", "-t:ComputeContainerBaseImage",
            "-getProperty:ContainerRepository", "-getProperty:ContainerUser", "-getProperty:ContainerBaseImage",
            "-getProperty:EnableSdkContainerSupport", "-getItem:ContainerPort", "-getItem:ContainerEnvironmentVariable",
        ]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var properties = json.RootElement.GetProperty("Properties");
        Assert.Equal("true", properties.GetProperty("EnableSdkContainerSupport").GetString());
        Assert.Equal(service.ContainerRepository, properties.GetProperty("ContainerRepository").GetString());
        Assert.Equal(HelpDesk.AppHost.Kubernetes.KubernetesManifests.AppUserId.ToString(System.Globalization.CultureInfo.InvariantCulture), properties.GetProperty("ContainerUser").GetString());
        Assert.EndsWith("-chiseled-extra", properties.GetProperty("ContainerBaseImage").GetString(), StringComparison.Ordinal);
        var items = json.RootElement.GetProperty("Items");
        Assert.Contains(items.GetProperty("ContainerPort").EnumerateArray(), p => p.GetProperty("Identity").GetString() == "8080");
        Assert.Contains(items.GetProperty("ContainerEnvironmentVariable").EnumerateArray(),
            v => v.GetProperty("Identity").GetString() == "HelpDesk__DataDirectory" && v.GetProperty("Value").GetString() == HelpDesk.AppHost.Kubernetes.KubernetesManifests.DataDirectory);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HelpDesk.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("HelpDesk.sln not found above " + AppContext.BaseDirectory);
    }
}
