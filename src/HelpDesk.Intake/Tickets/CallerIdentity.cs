using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Contracts;

namespace HelpDesk.Intake.Tickets;

/// <summary>
/// Who is calling, as the gateway vouches for it in the token it signs (see ServiceTokens).
/// </summary>
public sealed record CallerIdentity(string ClientId, TicketChannel? Channel, IReadOnlySet<string>? Scopes)
{
    public const string Anonymous = "anonymous";

    public const string ReadScope = "tickets:read";
    public const string WriteScope = "tickets:write";

    /// <summary>True when the request came through the gateway (identity headers present), so its scopes apply.</summary>
    public bool IsGatewayClient => Scopes is not null;

    /// <summary>From the verified caller (the gateway's signed token); a request without one never reaches a handler.</summary>
    public static CallerIdentity From(HttpRequest request)
    {
        var caller = request.HttpContext.GetCaller();
        if (!caller.IsIdentified)
        {
            return new CallerIdentity(Anonymous, null, null);
        }
        var channelText = caller.Channel ?? "";
        TicketChannel? channel = Enum.TryParse<TicketChannel>(channelText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(channelText.FirstOrDefault())
            ? parsed
            : caller.IsPerson ? TicketChannel.Portal : null;
        return new CallerIdentity(caller.Id.Length <= 200 ? caller.Id : Anonymous, channel, caller.Scopes);
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
