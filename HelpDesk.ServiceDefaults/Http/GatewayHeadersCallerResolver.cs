using Microsoft.AspNetCore.Http;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The caller as the gateway vouches for it in <see cref="HelpDeskHeaders"/>. The gateway strips those headers from
/// client requests and sets them from the verified key, so a request that carries them came through the gateway.
/// A request with neither a client id nor a scopes header is not identified (<see cref="Caller.IsIdentified"/> false);
/// a name or channel header on it is still passed on, as direct in-cluster callers may send them.
/// </summary>
public sealed class GatewayHeadersCallerResolver : ICallerResolver
{
    /// <summary>Longer ids are not ones the gateway issues; such a caller is recorded as anonymous.</summary>
    public const int MaxIdLength = 200;

    private static readonly IReadOnlySet<string> NoRoles = new HashSet<string>(StringComparer.Ordinal);

    public Caller Resolve(HttpContext context)
    {
        var headers = context.Request.Headers;
        var clientId = headers[HelpDeskHeaders.ClientId].ToString().Trim();
        var name = Blank(headers[HelpDeskHeaders.ClientName].ToString());
        var channel = Blank(headers[HelpDeskHeaders.Channel].ToString());
        if (clientId.Length == 0 && !headers.ContainsKey(HelpDeskHeaders.Scopes))
        {
            return name is null && channel is null ? Caller.Unidentified : Caller.Unidentified with { Name = name, Channel = channel };
        }
        var scopes = headers[HelpDeskHeaders.Scopes].ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(
            clientId.Length is > 0 and <= MaxIdLength ? clientId : Caller.AnonymousId,
            name,
            channel,
            scopes,
            NoRoles);
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
