using HelpDesk.ServiceDefaults;
using HelpDesk.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWeb();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapWeb();
app.Run();
