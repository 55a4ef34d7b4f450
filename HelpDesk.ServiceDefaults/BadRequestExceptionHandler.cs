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
        var unknown = UnmappedMemberPattern().Match(json.Message);
        if (unknown.Success)
        {
            return UnknownMember(unknown.Groups["name"].Value, json.Path, requestType);
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

    /// <summary>An unknown member, named with its path and, when one is close, the member that was probably meant.</summary>
    private static (string Field, string Message) UnknownMember(string name, string? jsonPath, Type? requestType)
    {
        var parent = jsonPath is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "";
        if (parent.EndsWith(name, StringComparison.Ordinal))
        {
            parent = parent[..^name.Length].TrimEnd('.');
        }
        var field = parent.Length == 0 ? name : $"{parent}.{name}";
        var owner = requestType is null ? null : parent.Length == 0 ? requestType : ResolvePath(requestType, parent);
        var known = owner?.GetProperties().Select(property => JsonNamingPolicy.CamelCase.ConvertName(property.Name)).ToList() ?? [];
        var closest = known.Where(k => Distance(k.ToLowerInvariant(), name.ToLowerInvariant()) <= 2).OrderBy(k => Distance(k, name)).FirstOrDefault();
        var hint = closest is not null ? $" Did you mean '{closest}'?" : known.Count > 0 ? $" Known members: {string.Join(", ", known)}." : "";
        return (field, $"{field}: is not a member of this request.{hint}");
    }

    /// <summary>Levenshtein distance, for "did you mean" on short member names.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
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

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped to any .NET member")]
    private static partial Regex UnmappedMemberPattern();

    [GeneratedRegex("could not be converted to (?<type>[^ .]+(\\.[^ .]+)*)")]
    private static partial Regex ConvertedToPattern();
}
