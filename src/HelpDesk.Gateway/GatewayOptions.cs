namespace HelpDesk.Gateway;

/// <summary>The "Gateway" configuration section: channel API keys, limits and the no-key behaviour.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>API keys of the channel apps. Only hashes are configured, never the keys themselves.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Secret mixed into key hashes (HMAC-SHA256) so a leaked configuration alone cannot be used to test guesses.
    /// Keys hashed as "hmac-sha256:…" need it; plain "sha256:…" hashes do not.
    /// </summary>
    public string? KeyPepper { get; set; }

    /// <summary>Requests without a key are accepted as the "anonymous" client. Off unless explicitly switched on.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Scopes granted to anonymous requests when <see cref="AllowAnonymous"/> is on (tickets:read tickets:write kb:read when empty).</summary>
    public List<string> AnonymousScopes { get; set; } = [];

    internal IReadOnlyList<string> EffectiveAnonymousScopes =>
        AnonymousScopes.Count > 0 ? AnonymousScopes : [GatewayScopes.TicketsRead, GatewayScopes.TicketsWrite, GatewayScopes.KbRead];

    /// <summary>
    /// Local runs only: with no keys configured, the start-up key is kept in this file (created on first use, readable
    /// by the owner only) instead of a new one per run, so scripts and the README's commands can read it.
    /// </summary>
    public string? LocalKeyFile { get; set; }

    /// <summary>Requests per minute for keys that do not set their own limit.</summary>
    public int DefaultRateLimitPerMinute { get; set; } = 600;

    /// <summary>Largest request body in bytes for routes that do not set MaxRequestBodySize (1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>One channel app's key.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Stable identifier, forwarded as X-HelpDesk-Client-Id and used as the rate-limit partition.</summary>
    public string Id { get; set; } = "";

    /// <summary>Human-readable name, forwarded as X-HelpDesk-Client-Name.</summary>
    public string? Name { get; set; }

    /// <summary>portal | email | chat | phone | api | monitoring, forwarded as X-HelpDesk-Channel.</summary>
    public string Channel { get; set; } = "api";

    public List<string> Scopes { get; set; } = [];

    /// <summary>"sha256:&lt;64 hex&gt;" or "hmac-sha256:&lt;64 hex&gt;" (with <see cref="GatewayOptions.KeyPepper"/>).</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>Requests per minute; the gateway default when absent.</summary>
    public int? RateLimitPerMinute { get; set; }

    /// <summary>Requests that may arrive at once before the per-minute rate applies; the per-minute limit when absent.</summary>
    public int? Burst { get; set; }

    /// <summary>A revoked key is refused (401) but stays in configuration so its id is not reused by mistake.</summary>
    public bool Revoked { get; set; }

    /// <summary>After this instant the key is refused (401).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>The scopes the shipped routes require. Routes added in configuration may use others.</summary>
public static class GatewayScopes
{
    public const string TicketsRead = "tickets:read";
    public const string TicketsWrite = "tickets:write";
    public const string KbRead = "kb:read";
    public const string KbWrite = "kb:write";

    /// <summary>Checked by the knowledge base itself: internal articles and drafts.</summary>
    public const string KbInternal = "kb:internal";

    /// <summary>Checked by the knowledge base itself: index rebuilds.</summary>
    public const string KbAdmin = "kb:admin";
    public const string RoutingRead = "routing:read";
    public const string RoutingAdmin = "routing:admin";
    public const string SlaRead = "sla:read";
    public const string SlaAdmin = "sla:admin";
    public const string NotificationsRead = "notifications:read";
    public const string NotificationsAdmin = "notifications:admin";

    public static readonly IReadOnlyList<string> All =
    [
        TicketsRead, TicketsWrite, KbRead, KbWrite, KbInternal, KbAdmin, RoutingRead, RoutingAdmin, SlaRead, SlaAdmin, NotificationsRead, NotificationsAdmin,
    ];
}

/// <summary>Headers the gateway owns. Clients can never set them: they are stripped on the way in.</summary>
public static class GatewayHeaders
{
    public const string IdentityPrefix = "X-HelpDesk-";
    public const string ClientId = "X-HelpDesk-Client-Id";
    public const string ClientName = "X-HelpDesk-Client-Name";
    public const string Channel = "X-HelpDesk-Channel";
    public const string Scopes = "X-HelpDesk-Scopes";
    public const string CorrelationId = "X-Correlation-Id";
    public const string ApiKey = "X-Api-Key";
    public const string AuthorizationScheme = "ApiKey";

    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal)
    {
        "portal", "email", "chat", "phone", "api", "monitoring",
    };
}
