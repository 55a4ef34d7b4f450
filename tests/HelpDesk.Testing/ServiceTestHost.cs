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
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public HttpClient Client { get; }

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
        Client.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await App.StopAsync(timeout.Token);
        }
        await App.DisposeAsync();
        _ownedData?.Dispose();
    }
}
