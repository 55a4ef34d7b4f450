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

    /// <summary>Applications allowed to ask for tokens (created or updated at start).</summary>
    public List<ClientOptions> Clients { get; set; } = [];

    /// <summary>Organisations created or updated at start.</summary>
    public List<OrganisationOptions> Organisations { get; set; } = [];

    /// <summary>Accounts created at start when missing (a password given here is set only on creation).</summary>
    public List<UserOptions> Users { get; set; } = [];
}

/// <summary>Signing and encryption keys are self-signed certificates kept in identitydb and rolled over automatically.</summary>
public sealed class KeyRotationOptions
{
    /// <summary>A new key is made this often.</summary>
    public TimeSpan RotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A new key is published (JWKS) this long before it signs, so relying parties have fetched it.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A superseded signing key stays published this long, so tokens it signed still verify.</summary>
    public TimeSpan SigningGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each replica checks for due rotations and picks up keys made by other replicas.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>ASP.NET Core Identity lockout: after this many wrong passwords the account is locked for a while.</summary>
public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class ClientOptions
{
    public string ClientId { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>"public" (browser and native apps: PKCE, no secret) or "confidential" (has a secret).</summary>
    public string Type { get; set; } = "public";

    /// <summary>Only for confidential clients; stored hashed by OpenIddict.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>authorization_code, refresh_token, client_credentials.</summary>
    public List<string> GrantTypes { get; set; } = [];

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Scopes the client may ask for (openid, profile, email, roles, offline_access and API scopes).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Roles carried by client-credentials tokens of this client (e.g. "agent" for an integration).</summary>
    public List<string> Roles { get; set; } = [];
}

public sealed class OrganisationOptions
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public bool ShareTickets { get; set; }
}

public sealed class UserOptions
{
    public string UserName { get; set; } = "";

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    public List<string> Roles { get; set; } = [];

    public string? Organisation { get; set; }

    /// <summary>User name of the manager (created in the same list or already present).</summary>
    public string? Manager { get; set; }

    public List<string> Groups { get; set; } = [];
}
