using HelpDesk.Messaging.Persistence;
using HelpDesk.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityService();

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
