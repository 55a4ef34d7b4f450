using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The signature on every outgoing webhook (notifications, fulfilment):
/// <c>X-HelpDesk-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.deliveryId.event.body")&gt;</c>.
/// The delivery id and event type are signed with the body so a captured request cannot be replayed under another
/// id (defeating the receiver's de-duplication) or relabelled as another event.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-HelpDesk-Signature";
    public const string EventHeader = "X-HelpDesk-Event";
    public const string DeliveryIdHeader = "X-HelpDesk-Delivery-Id";

    /// <summary>The header value for one request.</summary>
    public static string HeaderValue(string secret, long timestamp, string deliveryId, string eventType, string body) =>
        $"t={timestamp},v1={Sign(secret, timestamp, deliveryId, eventType, body)}";

    /// <summary>Hex HMAC-SHA256 over "&lt;t&gt;.&lt;delivery id&gt;.&lt;event&gt;.&lt;raw body&gt;".</summary>
    public static string Sign(string secret, long timestamp, string deliveryId, string eventType, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{deliveryId}.{eventType}.{body}"));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Adds the three headers to a request about to be sent.</summary>
    public static void Apply(HttpRequestMessage request, string secret, long timestamp, string deliveryId, string eventType, string body)
    {
        request.Headers.Add(Header, HeaderValue(secret, timestamp, deliveryId, eventType, body));
        request.Headers.Add(EventHeader, eventType);
        request.Headers.Add(DeliveryIdHeader, deliveryId);
    }
}
