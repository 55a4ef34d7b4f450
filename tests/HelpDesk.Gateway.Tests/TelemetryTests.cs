using System.Collections.Concurrent;
using System.Diagnostics;
using HelpDesk.Testing;
using Microsoft.Extensions.Logging;
using static HelpDesk.Gateway.Tests.GatewayUnderTest;

namespace HelpDesk.Gateway.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task The_correlation_id_is_in_the_log_scope_and_on_the_request_span()
    {
        var cancel = TestContext.Current.CancellationToken;
        var correlationId = "telemetry-" + Guid.NewGuid().ToString("N");
        var logs = new ScopeCapturingLoggerProvider();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("helpdesk.correlation_id"), correlationId))
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(
            GatewayUnderTest.Service,
            GatewayUnderTest.Settings(upstream, settings => settings["Logging:LogLevel:Yarp"] = "Information"),
            configure: b => b.Logging.AddProvider(logs));
        var request = Request(HttpMethod.Get, "/api/v1/tickets/1", TestKeys.Writer);
        request.Headers.Add("X-Correlation-Id", correlationId);

        var response = await gateway.Client.SendAsync(request, cancel);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Yarp", StringComparison.Ordinal) && e.Scopes.Contains($"CorrelationId={correlationId}"));
        // The server's request activity stops after the response is sent, so the client can see the response first.
        await Eventually.TrueAsync(() => Task.FromResult(!spans.IsEmpty), TimeSpan.FromSeconds(30), "the request span to stop");
        var span = Assert.Single(spans);
        Assert.Equal("portal-app", span.GetTagItem("helpdesk.client_id"));
    }

    private sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentBag<(string Category, List<string> Scopes)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeCapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                provider._scopes.ForEachScope((scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                    }
                }, scopes);
                provider.Entries.Add((category, scopes));
            }
        }
    }
}
