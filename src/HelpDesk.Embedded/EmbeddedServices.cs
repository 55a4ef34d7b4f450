using HelpDesk.Intake;
using HelpDesk.KnowledgeBase;
using HelpDesk.Messaging;
using HelpDesk.Notifications;
using HelpDesk.Routing;
using HelpDesk.Sla;

namespace HelpDesk.Embedded;

/// <summary>
/// Every backend service composed into one web app: one in-memory bus (no broker configured), one SQLite file per
/// service under HelpDesk:DataDirectory. The AppHost runs it as one project resource behind the gateway; tests and
/// load drivers build it in-process.
/// </summary>
public static class EmbeddedServices
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddServiceDefaults();
        builder.AddIntake();
        builder.AddRouting();
        builder.AddKnowledgeBase();
        builder.AddSla();
        builder.AddNotifications();
        builder.AddHelpDeskBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIntake();
        app.MapRouting();
        app.MapKnowledgeBase();
        app.MapSla();
        app.MapNotifications();
        return app;
    }
}
