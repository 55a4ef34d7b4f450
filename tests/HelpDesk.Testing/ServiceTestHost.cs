using HelpDesk.Messaging;
using HelpDesk.Messaging.Persistence;
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

    private ServiceTestHost(WebApplication app, string dataDirectory, TempDirectory? ownedData)
    {
        App = app;
        DataDirectory = dataDirectory;
        _ownedData = ownedData;
        BaseAddress = new Uri(app.Urls.First());
        Client = ClientAs(TestCallers.Platform);
        Anonymous = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Calls as <see cref="TestCallers.Platform"/> (a channel app with every scope), with a valid service token.</summary>
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

    public static async Task<ServiceTestHost> StartAsync(
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map,
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        bool addBus = true)
    {
        var owned = dataDirectory is null ? new TempDirectory("helpdesk-test") : null;
        var data = dataDirectory ?? owned!.Path;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = data;
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:HelpDesk"] = "Information";
        var tokens = new Dictionary<string, string?>();
        TestCallers.Configure(tokens);
        foreach (var (key, value) in tokens)
        {
            builder.Configuration[key] = value;
        }
        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                builder.Configuration[key] = value;
            }
        }

        builder.AddServiceDefaults();
        add(builder);
        if (addBus)
        {
            builder.AddHelpDeskBus();
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync();
        return new ServiceTestHost(app, data, owned);
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
        _ownedData?.Dispose();
    }
}
