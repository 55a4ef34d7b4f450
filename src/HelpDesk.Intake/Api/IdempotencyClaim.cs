using System.Security.Cryptography;
using System.Text.Json;

namespace HelpDesk.Intake.Api;

/// <summary>Identifies a client's retry: who sent it, the key and the hash of the (normalised) request.</summary>
public sealed record IdempotencyClaim(string ClientId, string Key, string RequestHash)
{
    public static IdempotencyClaim For(string clientId, string key, TicketDraft draft, JsonSerializerOptions json)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(draft, json);
        return new IdempotencyClaim(clientId, key, Convert.ToHexStringLower(SHA256.HashData(canonical)));
    }
}
