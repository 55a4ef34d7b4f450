using HelpDesk.Messaging.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKnowledgeBase();
builder.AddHelpDeskBus();

var app = builder.Build();
if (MigrateCommand.IsRequested(args))
{
    // `dotnet HelpDesk.KnowledgeBase.dll migrate`: apply pending migrations and exit (the Kubernetes Job, the AppHost's migrate step).
    return await MigrateCommand.RunAsync(app);
}

app.MapDefaultEndpoints();
app.MapKnowledgeBase();

app.Run();
return 0;
