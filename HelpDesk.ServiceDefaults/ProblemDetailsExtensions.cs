using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.ServiceDefaults;

public static class ProblemDetailsExtensions
{
    /// <summary>
    /// RFC 7807 everywhere: unhandled errors, status-code pages and, importantly, bad request bodies
    /// (malformed JSON, wrong types) become a 400 problem naming the field instead of a 500.
    /// </summary>
    public static IServiceCollection AddHelpDeskProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Minimal APIs otherwise answer a bare 400 for unreadable bodies; throwing lets the handler name the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return services;
    }
}

/// <summary>Turns request-binding failures (the body could not be read as the contract) into 400 problems naming the field.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var field = FindJsonPath(badRequest);
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field ?? "body"] = [Describe(badRequest)],
        })
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "The request body is not valid",
        };
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static string? FindJsonPath(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is JsonException { Path: { Length: > 0 } path })
            {
                return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            }
        }
        return null;
    }

    private static string Describe(BadHttpRequestException exception)
    {
        var json = exception.InnerException as JsonException;
        return json is not null ? "The value could not be read: " + (json.Message.Split(" Path:")[0]) : exception.Message;
    }
}
