using HelpDesk.Testing;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// The bus every service builds reports nothing to MassTransit's usage-tracking endpoint (on by default in 8.4+):
/// a self-hosted desk sends data only where its operator configured it to.
/// </summary>
public sealed class UsageTelemetryTests
{
    [Fact]
    public async Task The_platform_bus_has_MassTransit_usage_telemetry_switched_off()
    {
        await using var host = await ServiceTestHost.StartAsync(_ => { }, _ => { });

        var options = host.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value;

        Assert.False(options.Enabled);
    }
}
