using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.LocalServers;

/// <summary>
/// The web app (portal, agent workspace, lead dashboard) for local runs: its own project resource, reached only
/// through the gateway's "/" route. It signs people in as the confidential client "helpdesk-web" (code + PKCE), whose
/// secret is made once per data directory, and the employee portal's five choices are seeded into routing unless the
/// operator configures portals.
/// </summary>
public static class LocalWeb
{
    public const string ClientId = "helpdesk-web";
    public const string SecretFileName = "web-client-secret";

    public static string ClientSecret(string dataDirectory) =>
        LocalIdentity.ReadOrCreate(Path.Combine(dataDirectory, SecretFileName),
            () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('/', '-').Replace('+', '_')).Trim();

    /// <summary>The identity service registers the web app's client itself (WebAppClient): redirects only to the gateway's own address.</summary>
    public static Dictionary<string, string?> IdentitySettings(string dataDirectory) => new()
    {
        ["Identity:WebClientSecret"] = ClientSecret(dataDirectory),
    };

    /// <summary>The web app's settings: sign in at the gateway's issuer, call the APIs through the gateway.</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory, Uri issuer, string gatewayUrl) => new()
    {
        ["Web:Authority"] = issuer.ToString(),
        ["Web:Gateway"] = gatewayUrl,
        ["Web:ClientId"] = ClientId,
        ["Web:ClientSecret"] = ClientSecret(dataDirectory),
        ["Web:RequireHttpsMetadata"] = "false",
    };

    /// <summary>Routing's seed portal (written only to an empty routing database): the 4–6 choices the portal home shows.</summary>
    public static Dictionary<string, string?> RoutingSettings()
    {
        (string Key, string Label, string Type, string? Category, string? CatalogItem)[] choices =
        [
            ("something-broken", "Something is broken", "Incident", null, null),
            ("access", "I need access", "ServiceRequest", "Access", null),
            ("hardware", "Order hardware", "ServiceRequest", "Hardware", null),
            ("software", "Install software", "ServiceRequest", null, null),
            ("question", "Ask a question", "Incident", "General", null),
        ];
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < choices.Length; i++)
        {
            var prefix = $"Routing:Portals:employee:{i}:";
            settings[prefix + "Key"] = choices[i].Key;
            settings[prefix + "Label"] = choices[i].Label;
            settings[prefix + "Type"] = choices[i].Type;
            settings[prefix + "Category"] = choices[i].Category;
            settings[prefix + "CatalogItem"] = choices[i].CatalogItem;
        }
        return settings;
    }

    public static bool OperatorConfiguresPortals(IConfiguration configuration) =>
        configuration.GetSection("Routing:Portals").GetChildren().Any();
}
