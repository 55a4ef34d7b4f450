using Microsoft.Extensions.Options;
using HelpDesk.ServiceDefaults.Http;
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
        // "Try it" with either credential of the documents: a channel app's API key, or a person signed in with the
        // identity service (code + PKCE as the public client Gateway:ApiDocs:ClientId, registered by local runs).
        options.AddPreferredSecuritySchemes(["ApiKey"])
            .AddApiKeyAuthentication("ApiKey", key => key.Name = "X-Api-Key")
            .AddAuthorizationCodeFlow("OAuth2", flow =>
            {
                flow.ClientId = configuration["Gateway:ApiDocs:ClientId"] ?? "helpdesk-api-docs";
                flow.Pkce = Pkce.Sha256;
                flow.SelectedScopes = ["openid", HelpDeskScopes.TicketsRead, HelpDeskScopes.TicketsWrite, HelpDeskScopes.KbRead];
            });
        // The documents name each service's own address; requests from Scalar must go through the gateway instead.
        options.AddServer(new ScalarServer("/", "HelpDesk gateway"));
    }
}
