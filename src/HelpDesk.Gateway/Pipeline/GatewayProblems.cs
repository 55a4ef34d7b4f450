using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>Every error the gateway itself produces is an RFC 7807 problem, whatever the client's Accept header says.</summary>
internal static class GatewayProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Instance = context.Request.Path,
        };
        problem.Extensions["traceId"] = context.TraceIdentifier;
        if (context.Items.TryGetValue(CorrelationIdMiddleware.ItemKey, out var correlationId))
        {
            problem.Extensions["correlationId"] = correlationId;
        }
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
