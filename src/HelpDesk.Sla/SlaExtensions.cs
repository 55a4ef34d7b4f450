using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Messaging.Persistence;

namespace HelpDesk.Sla;

public static class SlaExtensions
{
    public const string DatabaseName = "sladb";

    public static IHostApplicationBuilder AddSla(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApiDocument(HelpDesk.Sla.Api.SlaApiDocument.Document);
        // Every request must carry the identity the gateway verified and signed; anything else is 401.
        builder.AddServiceAuthentication();
        builder.AddServiceDatabase<SlaDbContext>(DatabaseName);
        builder.Services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section);
        builder.Services.AddSingleton<SlaScanSignal>();
        builder.Services.AddSingleton<SlaScheduleInterceptor>();
        builder.Services.ConfigureDbContext<SlaDbContext>((services, options) => options.AddInterceptors(services.GetRequiredService<SlaScheduleInterceptor>()));
        builder.Services.AddSingleton<SlaCatalogProvider>();
        builder.Services.AddScoped<SlaClockStore>();
        // After the schema bootstrapper (registered by AddServiceDatabase): hosted services start in order.
        builder.Services.AddHostedService<SlaDefinitionSeeder>();
        builder.Services.AddSingleton<SlaScanner>();
        if (builder.Configuration.GetValue($"{SlaOptions.Section}:Scanner:Enabled", true))
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<SlaScanner>());
        }
        builder.AddMessageConsumers(bus =>
        {
            bus.AddSlaLifecycleConsumers();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapSla(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sla").WithTags("Sla");
        group.MapSlaTickets();
        group.MapSlaDefinitions();
        group.MapSlaMetrics();
        return app;
    }
}
