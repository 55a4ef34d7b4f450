using HelpDesk.Gateway;

// Operators mint keys offline: `dotnet run --project src/HelpDesk.Gateway -- new-key --id portal --channel portal`.
if (ApiKeyTool.IsCommand(args))
{
    return ApiKeyTool.Run(args, Console.In, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGateway();

app.Run();
return 0;
