namespace HelpDesk.Web;

/// <summary>The "Web" configuration section: where people sign in and which portal the home page shows.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The OpenID Connect issuer people sign in with: the gateway's public URL (the identity service issues tokens under it).
    /// Defaults to the gateway's address (<c>services:gateway:http:0</c>), right for local runs.
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>The gateway the web app calls the APIs through, with the signed-in person's token.</summary>
    public Uri? Gateway { get; set; }

    /// <summary>This app's client at the identity service (registered under Identity:Clients).</summary>
    public string ClientId { get; set; } = "helpdesk-web";

    /// <summary>The client secret (a confidential client: the code is redeemed by the server, with PKCE as well).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Only for local runs over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The routing portal whose 4–6 choices the portal home shows.</summary>
    public string Portal { get; set; } = "employee";

    /// <summary>How long portal choices are cached (they change rarely; an admin edit shows after this).</summary>
    public TimeSpan PortalCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an open ticket page asks whether someone else changed the ticket.</summary>
    public TimeSpan LiveUpdateInterval { get; set; } = TimeSpan.FromSeconds(5);
}
