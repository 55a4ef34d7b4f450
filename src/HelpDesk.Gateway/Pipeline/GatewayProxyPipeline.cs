using System.Diagnostics;
using HelpDesk.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>The steps every proxied request passes after routing: key and scope check, body limit, then errors as problems.</summary>
internal static class GatewayProxyPipeline
{
    public const string ClientIdTag = "helpdesk.client_id";

    /// <summary>401 without a valid key or token, 403 without the route's scope for this method (unless it needs none).</summary>
    public static async Task AuthorizeAsync(HttpContext context, Func<Task> next)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var access = RouteAccess.Of(route);
        if (access.Anonymous)
        {
            await next();
            return;
        }

        var identity = context.GetGatewayIdentity();
        if (identity is null)
        {
            await context.ChallengeAsync();
            return;
        }
        Activity.Current?.SetTag(ClientIdTag, identity.Caller.Id);

        var scope = access.RequiredScope(context.Request.Method);
        if (scope is null && access.Authenticated)
        {
            await next();
            return;
        }
        if (scope is null || !access.Grants(identity.Caller, context.Request.Method))
        {
            if (context.GetApiKeyIdentity() is not null)
            {
                var properties = new AuthenticationProperties();
                properties.Items[ApiKeyAuthenticationHandler.MissingScopeProperty] = scope;
                await context.ForbidAsync(ApiKeyAuthenticationHandler.SchemeName, properties);
                return;
            }
            var roles = identity.Caller.Roles.Count == 0 ? "no role" : "the roles " + string.Join(", ", identity.Caller.Roles.Order(StringComparer.Ordinal));
            await GatewayProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"'{identity.Caller.DisplayName}' ({roles}) lacks {(scope?.Contains(' ', StringComparison.Ordinal) == true ? "each of the scopes" : "the scope")} '{scope}' required for {context.Request.Method} {context.Request.Path}.");
            return;
        }
        await next();
    }

    /// <summary>
    /// Bodies announced larger than the route allows are refused before anything reaches the service.
    /// Chunked bodies are cut off by YARP at the same limit (MaxRequestBodySize) while streaming.
    /// </summary>
    public static async Task LimitBodyAsync(HttpContext context, Func<Task> next)
    {
        var limit = context.GetReverseProxyFeature().Route.Config.MaxRequestBodySize;
        if (limit is > 0 && context.Request.ContentLength > limit)
        {
            await GatewayProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The request body is {context.Request.ContentLength} bytes; this route accepts at most {limit} bytes.");
            return;
        }
        await next();
    }

    /// <summary>YARP answers forwarding failures with a bare status code; give them a problem body.</summary>
    public static async Task DescribeForwarderErrorsAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
        {
            return;
        }

        var (status, title, detail) = error.Error switch
        {
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "Gateway timeout", "The service did not answer in time."),
            ForwarderError.RequestBodyClient when IsBodyTooLarge(error.Exception) =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body exceeds the limit of this route."),
            ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled =>
                (StatusCodes.Status400BadRequest, "Bad request", "The request body could not be read from the client."),
            ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "No instance of the service is available."),
            _ => (StatusCodes.Status502BadGateway, "Bad gateway", "The service could not be reached."),
        };
        context.Response.Clear();
        await GatewayProblems.WriteAsync(context, status, title, detail);
    }

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }
        return false;
    }
}
