using HelpDesk.Messaging.Persistence;
using HelpDesk.Identity;
using HelpDesk.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityService();
builder.AddHelpDeskBus();

var app = builder.Build();
if (MigrateCommand.IsRequested(args))
{
    // `dotnet HelpDesk.Identity.dll migrate`: apply pending migrations and exit (the Kubernetes Job, the AppHost's migrate step).
    return await MigrateCommand.RunAsync(app);
}

app.MapDefaultEndpoints();
app.MapIdentityService();

app.Run();
return 0;
