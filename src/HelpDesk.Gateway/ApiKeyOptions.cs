namespace HelpDesk.Gateway;

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

    /// <summary>The values <see cref="Channel"/> may take.</summary>
    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal)
    {
        "portal", "email", "chat", "phone", "api", "monitoring",
    };
}
