namespace HelpDesk.Gateway.Security;

/// <summary>How a stored key hash was computed: plain SHA-256, or HMAC-SHA256 with the configured pepper.</summary>
public enum ApiKeyHashAlgorithm { Sha256, HmacSha256 }
