using System.Diagnostics;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// First thing on every request: removes identity headers a client tried to set (only the gateway may set them),
/// takes the client's X-Correlation-Id when well-formed or makes one, and puts it on the request forwarded
/// upstream, on the response, in the log scope and on the span.
/// </summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string ItemKey = "helpdesk:correlation_id";
    public const string SpanTag = "helpdesk.correlation_id";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        StripIdentityHeaders(context.Request.Headers);

        var correlationId = IsWellFormed(context.Request.Headers[HelpDeskHeaders.CorrelationId]) is { } given
            ? given
            : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = correlationId;
        context.Request.Headers[HelpDeskHeaders.CorrelationId] = correlationId;
        Activity.Current?.SetTag(SpanTag, correlationId);
        // OnStarting survives the exception handler clearing the response, so error responses carry it too.
        context.Response.OnStarting(SetResponseHeader, context);

        using (logger.BeginScope(new CorrelationScope(correlationId)))
        {
            await next(context);
        }
    }

    private static Task SetResponseHeader(object state)
    {
        var context = (HttpContext)state;
        context.Response.Headers[HelpDeskHeaders.CorrelationId] = (string)context.Items[ItemKey]!;
        return Task.CompletedTask;
    }

    /// <summary>One value of 1–128 characters from [A-Za-z0-9._:-]: enough for GUIDs, trace ids and ULIDs, nothing that could inject into logs or headers.</summary>
    private static string? IsWellFormed(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxLength } value)
        {
            return null;
        }
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return null;
            }
        }
        return value;
    }

    private static void StripIdentityHeaders(IHeaderDictionary headers)
    {
        List<string>? forged = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(HelpDeskHeaders.IdentityPrefix, StringComparison.OrdinalIgnoreCase))
            {
                (forged ??= []).Add(header.Key);
            }
        }
        forged?.ForEach(name => headers.Remove(name));
    }
}
