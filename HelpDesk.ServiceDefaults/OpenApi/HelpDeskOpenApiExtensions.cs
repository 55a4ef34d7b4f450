using HelpDesk.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The OpenAPI convention of every service (see docs/api.md): each document gets the transformers, each service adds
/// its own document with <see cref="AddServiceApiDocument"/>, and endpoints add only what differs with
/// <c>.WithName("Tickets_Submit").WithSummary(…).WithDescription(…)</c>, <c>.ProducesProblem(404)</c>,
/// <see cref="AcceptsIfMatch"/> and <see cref="Deprecated"/>.
/// </summary>
public static class HelpDeskOpenApiExtensions
{
    /// <summary>The default document <c>v1</c> (every endpoint of the host) and the convention for every document.</summary>
    public static IServiceCollection AddHelpDeskOpenApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddOptions<OpenApiPublishingOptions>().BindConfiguration(OpenApiPublishingOptions.Section);
        services.ConfigureAll<OpenApiOptions>(options =>
        {
            options.AddSchemaTransformer<ApiExampleSchemaTransformer>();
            options.AddOperationTransformer<HelpDeskOperationTransformer>();
            options.AddDocumentTransformer<HelpDeskDocumentTransformer>();
        });
        services.AddOpenApi();
        return services;
    }

    /// <summary>The service's own document at <c>/openapi/{name}.json</c>: the endpoints whose handlers are in its assembly.</summary>
    public static TBuilder AddServiceApiDocument<TBuilder>(this TBuilder builder, ServiceApiDocument document) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(document);
        builder.Services.AddOpenApi(document.Name, options => options.ShouldInclude = description =>
            description.ActionDescriptor.EndpointMetadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault()?.DeclaringType?.Assembly == document.Assembly);
        return builder;
    }

    /// <summary>The endpoint honours <c>If-Match</c> (412 when stale; with <paramref name="required"/>, 428 without it).</summary>
    public static TBuilder AcceptsIfMatch<TBuilder>(this TBuilder builder, bool required = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchMetadata(required));

    /// <summary>
    /// Marks the endpoint deprecated: the document says so, and every answer carries <c>Deprecation: @&lt;unix time&gt;</c>
    /// (RFC 9745), <c>Sunset: &lt;HTTP date&gt;</c> (RFC 8594) when a removal date is set, and a <c>Link</c> to the successor.
    /// </summary>
    public static TBuilder Deprecated<TBuilder>(this TBuilder builder, DateTimeOffset since, DateTimeOffset? sunset = null, string? successor = null)
        where TBuilder : IEndpointConventionBuilder
    {
        var deprecation = new DeprecationMetadata(since, sunset, successor);
        builder.WithMetadata(deprecation);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers["Deprecation"] = $"@{deprecation.Since.ToUnixTimeSeconds()}";
            if (deprecation.Sunset is { } at)
            {
                headers["Sunset"] = at.ToUniversalTime().ToString("r", System.Globalization.CultureInfo.InvariantCulture);
            }
            if (deprecation.Successor is { } link && link.StartsWith('/'))
            {
                headers.Append("Link", $"<{link}>; rel=\"successor-version\"");
            }
            return await next(context);
        });
        return builder;
    }
}
