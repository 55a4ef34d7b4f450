namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// "HelpDesk:ServiceTokens": the keys of the short-lived tokens the gateway signs for each request it forwards.
/// The gateway holds the private key; services hold only public keys, so they can verify but never mint.
/// </summary>
public sealed class ServiceTokenOptions
{
    public const string Section = "HelpDesk:ServiceTokens";

    /// <summary>The gateway's ECDSA P-256 private key (PKCS#8 PEM). Only the gateway (and test hosts) set it.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Public keys (SPKI PEM) services accept; list the old and the new key while rotating. When empty and a
    /// <see cref="SigningKey"/> is set, its public half is accepted.
    /// </summary>
    public List<string> VerificationKeys { get; set; } = [];

    /// <summary>How long a forwarded token is valid: long enough for one request, short enough to be useless if logged.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(2);
}
