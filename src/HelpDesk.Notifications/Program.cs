var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotifications();
builder.AddHelpDeskBus();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotifications();

app.Run();
