var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKnowledgeBase();
builder.AddHelpDeskBus();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapKnowledgeBase();

app.Run();
