using Microsoft.AspNetCore.Builder;

namespace HelpDesk.Testing;

/// <summary>
/// A service as tests start it: its <c>AddX</c>/<c>MapX</c> pair (or any composition of services), the settings its tests
/// always want, and whether it needs the bus. Each test project declares its own in <c>&lt;Service&gt;UnderTest.Service</c>
/// and starts it with <see cref="ServiceTestHost.StartAsync(TestedService, IDictionary{string, string?}?, string?, TimeProvider?, Action{WebApplicationBuilder}?)"/>.
/// </summary>
public sealed record TestedService(string Name, Action<WebApplicationBuilder> Add, Action<WebApplication> Map)
{
    /// <summary>Configuration every test of this service starts with; a test's own settings override single keys.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>False for hosts without consumers (the gateway, probes): no bus is built.</summary>
    public bool UsesBus { get; init; } = true;

    /// <summary>
    /// Who <see cref="ServiceTestHost.Client"/> calls as (a minted service token); null for hosts that authenticate
    /// clients themselves (the gateway), whose tests add a key or an access token per request.
    /// </summary>
    public HelpDesk.ServiceDefaults.Http.Caller? ClientCaller { get; init; } = TestCallers.Platform;
}
