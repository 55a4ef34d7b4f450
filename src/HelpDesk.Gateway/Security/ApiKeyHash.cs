using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.Gateway.Security;

/// <summary>
/// How keys are stored at rest. Keys are 256-bit random values, so a fast hash is enough: there is nothing to
/// brute-force, unlike a password (see docs/gateway.md for why not bcrypt/PBKDF2). The optional pepper
/// (HMAC key kept outside the key list) means a leaked key list alone cannot even confirm a guess.
/// </summary>
public readonly record struct ApiKeyHash(ApiKeyHashAlgorithm Algorithm, byte[] Digest)
{
    private const string Sha256Prefix = "sha256:";
    private const string HmacPrefix = "hmac-sha256:";

    public static ApiKeyHash Compute(string key, string? pepper)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        return string.IsNullOrEmpty(pepper)
            ? new ApiKeyHash(ApiKeyHashAlgorithm.Sha256, SHA256.HashData(bytes))
            : new ApiKeyHash(ApiKeyHashAlgorithm.HmacSha256, HMACSHA256.HashData(Encoding.UTF8.GetBytes(pepper), bytes));
    }

    /// <summary>The same digest as <see cref="Compute(string, string?)"/>, into <paramref name="digest"/> (32 bytes) without allocating: the per-request check.</summary>
    public static void Compute(string key, string? pepper, Span<byte> digest)
    {
        var bytes = Encoding.UTF8.GetByteCount(key) <= 256 ? stackalloc byte[256] : new byte[Encoding.UTF8.GetByteCount(key)];
        var length = Encoding.UTF8.GetBytes(key, bytes);
        if (string.IsNullOrEmpty(pepper))
        {
            SHA256.HashData(bytes[..length], digest);
        }
        else
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(pepper), bytes[..length], digest);
        }
    }

    public static bool TryParse(string? text, out ApiKeyHash hash)
    {
        hash = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var (algorithm, hex) = text.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase)
            ? (ApiKeyHashAlgorithm.Sha256, text[Sha256Prefix.Length..])
            : text.StartsWith(HmacPrefix, StringComparison.OrdinalIgnoreCase)
                ? (ApiKeyHashAlgorithm.HmacSha256, text[HmacPrefix.Length..])
                : (ApiKeyHashAlgorithm.Sha256, "");
        if (hex.Length != 64)
        {
            return false;
        }
        try
        {
            hash = new ApiKeyHash(algorithm, Convert.FromHexString(hex));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public override string ToString() =>
        (Algorithm == ApiKeyHashAlgorithm.Sha256 ? Sha256Prefix : HmacPrefix) + Convert.ToHexStringLower(Digest);

    /// <summary>A new key: "hdk_" and 32 random bytes, base64url. The prefix makes leaked keys easy to spot in scanners.</summary>
    public static string NewKey() => "hdk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
