var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSla();
builder.AddHelpDeskBus();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSla();

app.Run();
