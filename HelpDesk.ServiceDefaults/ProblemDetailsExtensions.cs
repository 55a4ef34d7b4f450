using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
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
        {
            // Strict bodies: a misspelled member ("priorty", "internal" for "isPublic") is a 400 naming it, never
            // silently ignored; enums only by name (an unknown number would otherwise bind as an undefined value).
            // Member names still match case-insensitively (web defaults): "Subject" binds to subject.
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false));
        });
        return services;
    }
}
