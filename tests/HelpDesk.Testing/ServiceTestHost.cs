using HelpDesk.Messaging;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Testing.Stacks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.Testing;

/// <summary>
/// One or more HelpDesk services composed into a real web app on a free loopback port, with its own data
/// directory. Pass connection strings in <paramref name="settings"/> to use RabbitMQ/PostgreSQL instead of
/// the embedded defaults (in-memory bus, SQLite).
/// </summary>
public sealed class ServiceTestHost : IAsyncDisposable
{
    private readonly TempDirectory? _ownedData;

    private ServiceTestHost(WebApplication app, string dataDirectory, TempDirectory? ownedData, HelpDesk.ServiceDefaults.Http.Caller? caller)
    {
        App = app;
        DataDirectory = dataDirectory;
        _ownedData = ownedData;
        BaseAddress = new Uri(app.Urls.First());
        Anonymous = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client = caller is null ? Anonymous : ClientAs(caller);
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Calls as the service's <see cref="TestedService.ClientCaller"/> with a valid service token — by default
    /// <see cref="TestCallers.Platform"/> (a channel app with every scope); the gateway's has no credentials of its own.
    /// </summary>
    public HttpClient Client { get; }

    /// <summary>Calls with no identity at all (what a direct call that bypasses the gateway looks like).</summary>
    public HttpClient Anonymous { get; }

    /// <summary>A client that calls as <paramref name="caller"/> (see <see cref="TestCallers"/>). Disposed with the host.</summary>
    public HttpClient ClientAs(HelpDesk.ServiceDefaults.Http.Caller caller)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = TestCallers.HeaderFor(caller);
        _clients.Add(client);
        return client;
    }

    private readonly List<HttpClient> _clients = [];

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>
    /// Starts <paramref name="service"/> on a free loopback port: its own settings, then <paramref name="settings"/>; a
    /// <paramref name="time"/> replaces the system clock; <paramref name="configure"/> runs after the service's Add, so it
    /// can add test-only registrations (a recorder consumer, a fake) or replace one.
    /// </summary>
    public static Task<ServiceTestHost> StartAsync(
        TestedService service,
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        TimeProvider? time = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        // MassTransit keeps its log context in an async-local: a host started after another one was disposed in the same
        // flow would inherit the disposed logger factory. A fresh execution context per host avoids that.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(() => StartCoreAsync(service, settings, dataDirectory, time, configure));
        }
    }

    /// <summary>Starts an ad-hoc composition (e.g. a probe endpoint); prefer a service's <see cref="TestedService"/>.</summary>
    public static Task<ServiceTestHost> StartAsync(
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map,
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        bool addBus = true) =>
        StartAsync(new TestedService("test", add, map) { UsesBus = addBus }, settings, dataDirectory);

    private static async Task<ServiceTestHost> StartCoreAsync(
        TestedService service, IDictionary<string, string?>? settings, string? dataDirectory, TimeProvider? time, Action<WebApplicationBuilder>? configure)
    {
        var owned = dataDirectory is null ? new TempDirectory($"helpdesk-{service.Name}-test") : null;
        var data = dataDirectory ?? owned!.Path;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = data;
        // HELPDESK_TEST_STACK=postgres: this host's databases on PostgreSQL and its bus on a RabbitMQ virtual host.
        await TestStack.AddToAsync(builder.Configuration, data);
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:HelpDesk"] = "Information";
        var tokens = new Dictionary<string, string?>();
        TestCallers.Configure(tokens);
        foreach (var (key, value) in tokens.Concat(service.Settings).Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.Configuration[key] = value;
        }

        builder.AddServiceDefaults();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        service.Add(builder);
        configure?.Invoke(builder);
        if (service.UsesBus)
        {
            builder.AddHelpDeskBus();
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        service.Map(app);
        await app.StartAsync();
        var host = new ServiceTestHost(app, data, owned, service.ClientCaller);
        if (TestStack.IsPostgresRabbitMq)
        {
            await host.WaitUntilReadyAsync();
        }
        return host;
    }

    /// <summary>
    /// On RabbitMQ a host is ready only once the platform's queues are declared (the outbox publishes nothing before)
    /// and the bus's endpoints are up: as a readiness probe would, wait for /health to answer 200 (at most a minute,
    /// then the test goes on and sees what it sees). The in-memory stack is ready when it has started.
    /// </summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Anonymous.GetAsync("/health");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(100);
        }
    }

    public T GetRequiredService<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Runs <paramref name="work"/> with a fresh DI scope, e.g. to read a service's database.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        Anonymous.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await App.StopAsync(timeout.Token);
        }
        await App.DisposeAsync();
        if (TestStack.IsPostgresRabbitMq)
        {
            // Idle pooled connections to this host's databases would otherwise hold server slots for minutes.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
        _ownedData?.Dispose();
    }
}
