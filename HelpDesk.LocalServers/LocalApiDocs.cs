using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.LocalServers;

/// <summary>
/// The gateway's API reference (/scalar) as an OpenID Connect client for local runs: a public client with code + PKCE
/// that redirects only to the gateway's own /scalar page, so "try it" can call the API as a signed-in person. The
/// token carries the scopes of the person's roles (the gateway maps them), whatever the client may ask for.
/// </summary>
public static class LocalApiDocs
{
    public const string ClientId = "helpdesk-api-docs";

    // After the web app's index (90): clients an operator configures from 0 up are never overwritten.
    private const string ClientPrefix = "Identity:Clients:91:";

    public static Dictionary<string, string?> IdentitySettings(Uri issuer)
    {
        var settings = new Dictionary<string, string?>
        {
            [ClientPrefix + "ClientId"] = ClientId,
            [ClientPrefix + "DisplayName"] = "HelpDesk API reference",
            [ClientPrefix + "Type"] = "public",
            [ClientPrefix + "GrantTypes:0"] = "authorization_code",
            [ClientPrefix + "RedirectUris:0"] = new Uri(issuer, "scalar/").ToString(),
            [ClientPrefix + "RedirectUris:1"] = new Uri(issuer, "scalar").ToString(),
            [ClientPrefix + "Scopes:0"] = "openid",
        };
        for (var i = 0; i < HelpDeskScopes.All.Count; i++)
        {
            settings[$"{ClientPrefix}Scopes:{i + 1}"] = HelpDeskScopes.All[i];
        }
        return settings;
    }
}
