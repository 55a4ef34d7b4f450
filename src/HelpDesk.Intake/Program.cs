var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIntake();
builder.AddHelpDeskBus();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIntake();

app.Run();
