namespace HelpDesk.Identity.Infrastructure;

/// <summary>A signing or encryption key of the token server: a self-signed certificate with its private key (PKCS#12).</summary>
public sealed class SigningKey
{
    public const string SigningUse = "sig";
    public const string EncryptionUse = "enc";

    public Guid Id { get; set; }

    /// <summary>"sig" (signs tokens, published in JWKS) or "enc" (encrypts codes and refresh tokens, never published).</summary>
    public string Use { get; set; } = SigningUse;

    public byte[] Certificate { get; set; } = [];

    /// <summary>From this instant the key is used; before it, a signing key is only published.</summary>
    public DateTimeOffset NotBefore { get; set; }

    /// <summary>After this instant the key is neither used nor accepted.</summary>
    public DateTimeOffset NotAfter { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
