using HelpDesk.Contracts;

namespace HelpDesk.Intake.Tickets;

/// <summary>
/// Who is calling, as the gateway vouches for it. The gateway strips these headers from client requests and sets
/// them from the API key, so a request that carries them came through the gateway.
/// </summary>
public sealed record CallerIdentity(string ClientId, TicketChannel? Channel, IReadOnlySet<string>? Scopes)
{
    public const string ClientIdHeader = "X-HelpDesk-Client-Id";
    public const string ChannelHeader = "X-HelpDesk-Channel";
    public const string ScopesHeader = "X-HelpDesk-Scopes";
    public const string Anonymous = "anonymous";

    public const string ReadScope = "tickets:read";
    public const string WriteScope = "tickets:write";

    /// <summary>True when the request came through the gateway (identity headers present), so its scopes apply.</summary>
    public bool IsGatewayClient => Scopes is not null;

    public static CallerIdentity From(HttpRequest request)
    {
        var clientId = request.Headers[ClientIdHeader].ToString().Trim();
        var channelText = request.Headers[ChannelHeader].ToString().Trim();
        TicketChannel? channel = Enum.TryParse<TicketChannel>(channelText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(channelText.FirstOrDefault())
            ? parsed
            : null;
        IReadOnlySet<string>? scopes = null;
        if (request.Headers.ContainsKey(ScopesHeader) || clientId.Length > 0)
        {
            scopes = request.Headers[ScopesHeader].ToString()
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.Ordinal);
        }
        return new CallerIdentity(clientId.Length is > 0 and <= 200 ? clientId : Anonymous, channel, scopes);
    }
}

/// <summary>
/// Defence in depth behind the gateway: a gateway client needs tickets:read to read and tickets:write to change
/// tickets. Direct calls (embedded host, in-cluster services without identity headers) are not restricted here.
/// </summary>
internal sealed class ScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var caller = CallerIdentity.From(request);
        if (caller.IsGatewayClient)
        {
            var needed = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? CallerIdentity.ReadScope : CallerIdentity.WriteScope;
            if (!caller.Scopes!.Contains(needed))
            {
                return TypedResults.Problem(
                    title: "Missing scope",
                    detail: $"The API key '{caller.ClientId}' lacks the scope '{needed}' required for this operation.",
                    statusCode: StatusCodes.Status403Forbidden);
            }
        }
        return await next(context);
    }
}
