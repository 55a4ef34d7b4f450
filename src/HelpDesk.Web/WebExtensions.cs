using System.Globalization;
using HelpDesk.Web.Components;
using HelpDesk.Web.Endpoints;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Http.Resilience;

namespace HelpDesk.Web;

public static class WebExtensions
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("fr"), new("it")];

    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddMemoryCache();
        builder.AddWebAuthentication();
        AddDataProtection(builder);

        builder.Services.AddTransient<UserTokenHandler>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the only way to replace the handler ServiceDefaults puts on every client
        builder.Services.AddHttpClient<GatewayApi>((services, http) =>
            {
                http.BaseAddress = WebEndpoints.GatewayOf(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value,
                    services.GetRequiredService<IConfiguration>());
                http.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<UserTokenHandler>()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(GatewayResilience.Configure);
#pragma warning restore EXTEXP0001
        builder.Services.AddHttpClient(TokenRefresher.HttpClientName);
        builder.Services.AddSingleton<Security.AppToken>();
        builder.Services.AddTransient<AppTokenHandler>();
        builder.Services.AddHttpClient(AppGateway.HttpClientName, (services, http) =>
            {
                http.BaseAddress = WebEndpoints.GatewayOf(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value,
                    services.GetRequiredService<IConfiguration>());
                http.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<AppTokenHandler>();
        builder.Services.AddSingleton<AppGateway>();
        builder.Services.AddScoped<PortalCatalog>();
        builder.Services.AddScoped<HelpDesk.Web.Components.Shared.PersonTime>();

        // Behind the gateway: the public scheme and host (for the sign-in redirect URL) come from X-Forwarded-*.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        return builder;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture("en");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // The person's choice (a cookie) first, then the browser's languages.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapWebEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Session cookies stay readable across restarts: the key ring lives in the data directory.</summary>
    private static void AddDataProtection(IHostApplicationBuilder builder)
    {
        var directory = builder.Configuration["HelpDesk:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".helpdesk-data");
        builder.Services.AddDataProtection()
            .SetApplicationName("HelpDesk.Web")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, "web-keys")));
    }
}
