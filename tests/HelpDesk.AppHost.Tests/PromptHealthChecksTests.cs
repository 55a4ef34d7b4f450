using HelpDesk.AppHost.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpDesk.AppHost.Tests;

/// <summary>
/// A prompt health check keeps probing within one call of Aspire's health loop, so WaitFor learns of health at the
/// next probe rather than at the loop's next (backed-off) call.
/// </summary>
public sealed class PromptHealthChecksTests
{
    [Fact]
    public async Task An_unhealthy_resource_is_probed_again_until_it_answers_healthy()
    {
        var probes = 0;
        var result = await PromptHealthChecks.UntilHealthyAsync(
            _ => Task.FromResult(++probes < 4 ? HealthCheckResult.Unhealthy("starting") : HealthCheckResult.Healthy()),
            TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(4, probes);
    }

    [Fact]
    public async Task A_healthy_resource_is_probed_once()
    {
        var probes = 0;
        var result = await PromptHealthChecks.UntilHealthyAsync(_ => { probes++; return Task.FromResult(HealthCheckResult.Healthy()); }, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(1, probes);
    }

    [Fact]
    public async Task A_resource_that_stays_unhealthy_is_reported_with_its_last_answer_once_patience_runs_out()
    {
        var probes = 0;
        var result = await PromptHealthChecks.UntilHealthyAsync(
            _ => Task.FromResult(HealthCheckResult.Unhealthy($"refused {++probes}")), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal($"refused {probes}", result.Description);
        // Probed every Interval for Patience (5 s / 100 ms), not once: the loop's own 1-5 s back-off is not waited out.
        Assert.InRange(probes, 2, (int)(PromptHealthChecks.Patience / PromptHealthChecks.Interval));
    }
}
