using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HelpDesk.AppHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TempDirectory = HelpDesk.Testing.TempDirectory;

namespace HelpDesk.AppHost.Tests;

/// <summary>
/// Aspire points every project at its dashboard's OTLP endpoint and asks for every trace whether or not a dashboard
/// runs. Without one, services get none of those variables (nothing would receive what they send), unless the
/// operator names a collector; with the dashboard they keep them.
/// </summary>
public sealed class TelemetryVariablesTests
{
    private const string Collector = "http://collector.example:4317";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Without_a_dashboard_no_project_is_told_to_export_or_to_record_every_trace(bool distributed)
    {
        using var data = new TempDirectory("apphost-telemetry");
        string[] args = distributed ? ["--distributed", "--no-containers", "--data", data.Path] : ["--data", data.Path];
        var environments = await RunEnvironmentsAsync(args, dashboard: false);

        Assert.NotEmpty(environments);
        foreach (var (project, environment) in environments)
        {
            // Aspire's callback ran (it names the service); the dashboard's variables are gone.
            Assert.True(environment.ContainsKey("OTEL_SERVICE_NAME"), project);
            foreach (var name in ServiceExtensions.DashboardTelemetryVariables)
            {
                Assert.False(environment.ContainsKey(name), $"{project} has {name}={environment.GetValueOrDefault(name)}");
            }
        }
    }

    [Fact]
    public async Task A_collector_named_in_the_services_settings_is_kept_without_a_dashboard()
    {
        using var data = new TempDirectory("apphost-telemetry");
        var environments = await RunEnvironmentsAsync(["--data", data.Path, $"--Services:OTEL_EXPORTER_OTLP_ENDPOINT={Collector}"], dashboard: false);

        Assert.All(environments, e => Assert.Equal(Collector, e.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]));
    }

    [Fact]
    public async Task With_the_dashboard_projects_export_to_it()
    {
        using var data = new TempDirectory("apphost-telemetry");
        var environments = await RunEnvironmentsAsync(["--data", data.Path], dashboard: true);

        Assert.NotEmpty(environments);
        Assert.All(environments, e =>
        {
            Assert.True(e.Environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"), e.Project);
            Assert.Equal("always_on", e.Environment["OTEL_TRACES_SAMPLER"]);
        });
    }

    /// <summary>Every project's environment as a run would set it (values as text; references by name).</summary>
    private static async Task<List<(string Project, Dictionary<string, string> Environment)>> RunEnvironmentsAsync(string[] args, bool dashboard)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HelpDesk_AppHost>(
            args, (options, _) => options.DisableDashboard = !dashboard, ct);
        await using var app = await builder.BuildAsync(ct);
        Assert.Equal(!dashboard, app.Services.GetRequiredService<DistributedApplicationOptions>().DisableDashboard);
        var run = new DistributedApplicationExecutionContext(new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Run) { Services = app.Services });
        var result = new List<(string, Dictionary<string, string>)>();
        foreach (var project in app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>())
        {
            var context = new EnvironmentCallbackContext(run, project, [], ct);
            foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }
            result.Add((project.Name, context.EnvironmentVariables.ToDictionary(e => e.Key, e => e.Value?.ToString() ?? "", StringComparer.Ordinal)));
        }
        return result;
    }
}
