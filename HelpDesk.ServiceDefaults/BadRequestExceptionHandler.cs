using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.ServiceDefaults;

/// <summary>
/// Turns request-binding failures (the body could not be read as the contract) into 400 problems naming the field
/// and what it expects, e.g. <c>type: expected one of Incident, ServiceRequest, Problem, Change</c>.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var (field, message) = Describe(badRequest, requestType);
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
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

    internal static (string Field, string Message) Describe(BadHttpRequestException exception, Type? requestType)
    {
        var json = FindJsonException(exception);
        if (json is null)
        {
            return ("body", exception.Message);
        }

        var missing = MissingRequiredPattern().Match(json.Message);
        if (missing.Success)
        {
            return (missing.Groups["name"].Value, $"{missing.Groups["name"].Value}: is required");
        }

        var reason = json.Message.Split(" Path:")[0].TrimEnd('.');
        if (json.InnerException?.GetType().Name == "JsonReaderException")
        {
            return ("body", $"body: expected valid JSON ({reason})");
        }
        var path = json.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (path is null)
        {
            return ("body", $"body: expected a JSON object matching the request contract ({reason})");
        }

        var target = requestType is null ? null : ResolvePath(requestType, path);
        var expectation = target is not null
            ? Expectation(target)
            : ConvertedToPattern().Match(json.Message) is { Success: true } converted
                ? "a value of type " + converted.Groups["type"].Value.Split('.')[^1]
                : "a value of the documented type";
        return (path, $"{path}: expected {expectation}");
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>Follows a JSON path such as <c>requester.email</c> or <c>tags[0]</c> through the contract's properties.</summary>
    private static Type? ResolvePath(Type root, string path)
    {
        var type = root;
        foreach (var rawSegment in path.Split('.'))
        {
            var segment = rawSegment;
            var indexed = segment.IndexOf('[', StringComparison.Ordinal);
            if (indexed >= 0)
            {
                segment = segment[..indexed];
            }
            var property = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }
            type = property.PropertyType;
            if (indexed >= 0 && ElementType(type) is { } element)
            {
                type = element;
            }
        }
        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var single] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? single
        : null;

    private static string Expectation(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type));
        }
        if (type == typeof(string)) return "a string";
        if (type == typeof(Guid)) return "a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return "a whole number";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "an ISO 8601 date and time such as 2025-01-31T09:30:00Z";
        if (type == typeof(DateOnly)) return "a date such as 2025-01-31";
        if (type == typeof(TimeOnly)) return "a time of day such as 09:30:00";
        if (type == typeof(TimeSpan)) return "a duration such as 01:30:00";
        if (type == typeof(Uri)) return "a URL";
        if (type.IsArray || (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
        {
            return ElementType(type) is { } element ? $"an array of {Expectation(element)}" : "an array";
        }
        return "an object";
    }

    [GeneratedRegex("missing required properties including: '(?<name>[^']+)'")]
    private static partial Regex MissingRequiredPattern();

    [GeneratedRegex("could not be converted to (?<type>[^ .]+(\\.[^ .]+)*)")]
    private static partial Regex ConvertedToPattern();
}
