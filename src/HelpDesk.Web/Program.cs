using HelpDesk.ServiceDefaults;
using HelpDesk.Web;

var builder = WebApplication.CreateBuilder(args);
// Static files and components from the build output when run from the repository (a no-op once published).
builder.WebHost.UseStaticWebAssets();
builder.AddServiceDefaults();
builder.AddWeb();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapWeb();
app.Run();
