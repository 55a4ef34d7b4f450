using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>
/// Presents a document as clients see the API: titled after the service, served by the gateway's public URL, with the
/// security schemes and problem answers every operation refers to, every tag described, and paths without a trailing
/// slash (the gateway and the services answer both).
/// </summary>
internal sealed class HelpDeskDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var services = context.ApplicationServices;
        var service = services.GetServices<ServiceApiDocument>().LastOrDefault(d => d.Name == context.DocumentName);
        var application = services.GetRequiredService<IHostEnvironment>().ApplicationName;
        document.Info = new OpenApiInfo
        {
            Title = service is null ? $"{application} API" : $"HelpDesk {service.Title} API",
            Version = "v1",
            Description = (service?.Description ?? "Every endpoint of this host.") + "\n\n"
                + "Call it through the HelpDesk gateway with an API key (`X-Api-Key`) or an OAuth2 access token. Errors are RFC 7807 "
                + "problems; see docs/api.md for authentication, idempotency, pagination, rate limits and versioning.",
            Contact = new OpenApiContact { Name = "HelpDesk maintainers", Url = new Uri("https://github.com/helpdesk-platform/helpdesk") },
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        var serverUrl = ServerUrl(services);
        document.Servers = [new OpenApiServer { Url = serverUrl, Description = "HelpDesk gateway" }];
        HelpDeskOpenApiComponents.AddTo(document, serverUrl);
        DropUnusedResponses(document);
        DescribeTags(document, service);
        TrimTrailingSlashes(document);
        return Task.CompletedTask;
    }

    /// <summary>The configured public URL, else the address the request for the document came through (via the gateway).</summary>
    private static string ServerUrl(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<OpenApiPublishingOptions>>().Value.ServerUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }
        var request = services.GetService<IHttpContextAccessor>()?.HttpContext?.Request;
        if (request is null)
        {
            return "http://localhost:5080";
        }
        var proto = First(request.Headers["X-Forwarded-Proto"]) ?? request.Scheme;
        var host = First(request.Headers["X-Forwarded-Host"]) ?? request.Host.Value;
        var prefix = First(request.Headers["X-Forwarded-Prefix"]) ?? request.PathBase.Value;
        return $"{proto}://{host}{prefix}".TrimEnd('/');
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values[0]!.Split(',')[0].Trim() is { Length: > 0 } first ? first : null;

    private static void DescribeTags(OpenApiDocument document, ServiceApiDocument? service)
    {
        var names = document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? [])
            .SelectMany(o => o.Tags?.Select(t => t.Name) ?? []).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(names.Select(name => new OpenApiTag
        {
            Name = name,
            Description = service?.Tags.GetValueOrDefault(name) ?? $"{name} operations.",
        }));
    }

    /// <summary>The shared answers no operation of this document refers to (e.g. 428 where nothing requires If-Match).</summary>
    private static void DropUnusedResponses(OpenApiDocument document)
    {
        var used = document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? [])
            .SelectMany(o => o.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            .OfType<OpenApiResponseReference>().Select(r => r.Reference.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var name in document.Components!.Responses!.Keys.Where(k => !used.Contains(k)).ToList())
        {
            document.Components.Responses.Remove(name);
        }
    }

    private static void TrimTrailingSlashes(OpenApiDocument document)
    {
        foreach (var path in document.Paths.Keys.Where(p => p.Length > 1 && p.EndsWith('/')).ToList())
        {
            var trimmed = path.TrimEnd('/');
            var item = document.Paths[path];
            document.Paths.Remove(path);
            if (document.Paths.TryGetValue(trimmed, out var existing) && existing is OpenApiPathItem target && item.Operations is { } operations)
            {
                foreach (var (method, operation) in operations)
                {
                    target.AddOperation(method, operation);
                }
            }
            else
            {
                document.Paths[trimmed] = item;
            }
        }
    }
}
