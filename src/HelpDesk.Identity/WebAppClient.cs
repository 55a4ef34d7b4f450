using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Identity;

/// <summary>
/// The HelpDesk web app's client registration: confidential (the server redeems the code, with PKCE as well), refresh
/// tokens for long agent shifts, and its own client-credentials token for what every visitor may see (portal choices,
/// SLA targets, article titles). It sits behind the gateway, whose URL is the issuer, so its only redirect URIs are
/// the issuer's /signin-oidc and /signout-callback-oidc.
/// </summary>
public static class WebAppClient
{
    public const string ClientId = "helpdesk-web";

    public static ClientOptions For(Uri issuer, string secret) => new()
    {
        ClientId = ClientId,
        DisplayName = "HelpDesk web",
        Type = "confidential",
        ClientSecret = secret,
        GrantTypes = ["authorization_code", "refresh_token", "client_credentials"],
        RedirectUris = [new Uri(issuer, "signin-oidc")],
        PostLogoutRedirectUris = [new Uri(issuer, "signout-callback-oidc")],
        Scopes = ["openid", "profile", "email", "roles", "offline_access", HelpDeskScopes.RoutingRead, HelpDeskScopes.SlaRead, HelpDeskScopes.KbRead],
    };

    /// <summary>Adds the web app's client when its secret is configured and no client of that id is.</summary>
    public static void Register(IdentityServiceOptions options)
    {
        if (!string.IsNullOrEmpty(options.WebClientSecret) && options.Issuer is { } issuer && options.Clients.All(c => c.ClientId != ClientId))
        {
            options.Clients.Add(For(issuer, options.WebClientSecret));
        }
    }
}
