namespace HelpDesk.Identity;

/// <summary>The "Identity" configuration section.</summary>
public sealed class IdentityServiceOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The public issuer URL (what clients and the gateway see, e.g. https://helpdesk.example.org/). Tokens carry it as
    /// "iss". When absent, the URL of each request is used (fine for a direct local run, wrong behind a proxy).
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>The audience of access tokens for the HelpDesk API (the gateway checks it).</summary>
    public string Audience { get; set; } = "helpdesk-api";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// A redeemed refresh token is accepted again for this long (two browser tabs refreshing at once); after it, a replay
    /// is refused and revokes the whole token chain.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a sign-in at the identity service lasts before the person must enter the password again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public KeyRotationOptions Keys { get; set; } = new();

    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>
    /// The secret of the HelpDesk web app (portal, agent workspace). When set, its client is registered as
    /// <see cref="WebAppClient"/> describes (redirecting only to the issuer's own /signin-oidc), unless
    /// <see cref="Clients"/> already has one with its id. One setting for every deployment: in Kubernetes it comes
    /// from the identity-settings Secret, as Web__ClientSecret does for the web app.
    /// </summary>
    public string? WebClientSecret { get; set; }

    /// <summary>Applications allowed to ask for tokens (created or updated at start).</summary>
    public List<ClientOptions> Clients { get; set; } = [];

    /// <summary>Organisations created or updated at start.</summary>
    public List<OrganisationOptions> Organisations { get; set; } = [];

    /// <summary>Accounts created at start when missing (a password given here is set only on creation).</summary>
    public List<UserOptions> Users { get; set; } = [];
}
