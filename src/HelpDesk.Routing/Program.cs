var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRouting();
builder.AddHelpDeskBus();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRouting();

app.Run();
