using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// The gateway's /scalar lists every service's OpenAPI document: each route with Metadata "OpenApiTitle" is a
/// document (its Match:Path is where Scalar fetches it). Read from configuration, so added services show up too.
/// </summary>
internal sealed class ServiceDocumentsScalarOptions(IConfiguration configuration) : IConfigureOptions<ScalarOptions>
{
    public const string TitleKey = "OpenApiTitle";

    public void Configure(ScalarOptions options)
    {
        var first = true;
        foreach (var route in configuration.GetSection("ReverseProxy:Routes").GetChildren().OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var title = route[$"Metadata:{TitleKey}"];
            var path = route["Match:Path"];
            if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(path))
            {
                continue;
            }
            options.AddDocument(route.Key, title, path, isDefault: first);
            first = false;
        }
        options.WithTitle("HelpDesk API");
        // The documents name each service's own address; requests from Scalar must go through the gateway instead.
        options.AddServer(new ScalarServer("/", "HelpDesk gateway"));
    }
}
