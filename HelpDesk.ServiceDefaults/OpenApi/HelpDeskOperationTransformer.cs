using System.Reflection;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>
/// The convention every operation gets, so a new endpoint is documented by its name, summary and typed results alone:
/// who may call it (API key or OAuth2 token with the scopes its <see cref="CallerRequirement"/>s name, plus roles),
/// the answers the gateway and the platform give for any call (400 for an unreadable body, 401, 403, 413, 429 with
/// Retry-After, 5XX), the If-Match and Idempotency-Key headers where the endpoint reads them, and Deprecation/Sunset.
/// </summary>
internal sealed class HelpDeskOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = context.Description.HttpMethod ?? "GET";
        operation.Responses ??= [];
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
        }
        else
        {
            DescribeCaller(operation, context.Document, metadata.OfType<CallerRequirement>().Where(r => r.AppliesTo(method)).ToList());
            AddResponse(operation, context.Document, "401", HelpDeskOpenApiComponents.Unauthorized);
            AddResponse(operation, context.Document, "403", HelpDeskOpenApiComponents.Forbidden);
            AddResponse(operation, context.Document, "429", HelpDeskOpenApiComponents.TooManyRequests);
        }
        if (operation.RequestBody is not null)
        {
            AddResponse(operation, context.Document, "400", HelpDeskOpenApiComponents.BadRequest);
            AddResponse(operation, context.Document, "413", HelpDeskOpenApiComponents.PayloadTooLarge);
        }
        AddResponse(operation, context.Document, "5XX", HelpDeskOpenApiComponents.Unavailable);
        if (metadata.OfType<IfMatchMetadata>().LastOrDefault() is { } ifMatch)
        {
            DescribeIfMatch(operation, context.Document, ifMatch);
        }
        DescribeIdempotencyKey(operation);
        if (metadata.OfType<DeprecationMetadata>().LastOrDefault() is { } deprecation)
        {
            DescribeDeprecation(operation, deprecation);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Any one of a requirement's scopes will do and every requirement must hold, so each combination is one
    /// alternative. API keys carry the same scopes (listed in x-helpdesk-scopes and the description).
    /// </summary>
    private static void DescribeCaller(OpenApiOperation operation, OpenApiDocument? document, List<CallerRequirement> requirements)
    {
        IEnumerable<List<string>> combinations = [[]];
        foreach (var scopes in requirements.Where(r => r.AnyScope.Count > 0).Select(r => r.AnyScope))
        {
            combinations = combinations.SelectMany(c => scopes.Select(s => c.Append(s).Distinct().ToList())).ToList();
        }
        operation.Security = [];
        foreach (var scheme in new[] { HelpDeskOpenApiComponents.ApiKeyScheme, HelpDeskOpenApiComponents.OAuth2Scheme })
        {
            foreach (var scopes in combinations)
            {
                // Spectral (and most generators) read scopes only on OAuth2; the key's scopes are in x-helpdesk-scopes.
                var listed = scheme == HelpDeskOpenApiComponents.OAuth2Scheme ? scopes : [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = listed });
                if (listed.Count == 0)
                {
                    break;
                }
            }
        }
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-helpdesk-scopes"] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray(
            combinations.Where(c => c.Count > 0).Select(c => (System.Text.Json.Nodes.JsonNode?)string.Join(' ', c)).ToArray()));
        var roles = requirements.SelectMany(r => r.AnyRole).Distinct().ToList();
        var scopeText = combinations.Any(c => c.Count > 0)
            ? "scope " + string.Join(" or ", combinations.Where(c => c.Count > 0).Select(c => string.Join(" and ", c.Select(s => $"`{s}`"))))
            : "any authenticated caller";
        var roleText = roles.Count > 0 ? $"; a person also needs the role {string.Join(" or ", roles.Select(r => $"`{r}`"))}" : "";
        if (roles.Count > 0)
        {
            operation.Extensions["x-helpdesk-roles"] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray(roles.Select(r => (System.Text.Json.Nodes.JsonNode?)r).ToArray()));
        }
        Append(operation, $"**Authorization:** {scopeText}{roleText}.");
    }

    private static void DescribeIfMatch(OpenApiOperation operation, OpenApiDocument? document, IfMatchMetadata ifMatch)
    {
        operation.Parameters ??= [];
        if (!operation.Parameters.Any(p => string.Equals(p.Name, "If-Match", StringComparison.OrdinalIgnoreCase)))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = ifMatch.Required,
                Description = "The ETag from the last GET (e.g. `\"7\"`). A change made meanwhile makes this request fail with 412 instead of overwriting it."
                    + (ifMatch.Required ? " Required: without it the answer is 428." : ""),
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = System.Text.Json.Nodes.JsonValue.Create("\"7\""),
            });
        }
        AddResponse(operation, document, "412", HelpDeskOpenApiComponents.PreconditionFailed);
        if (ifMatch.Required)
        {
            AddResponse(operation, document, "428", HelpDeskOpenApiComponents.PreconditionRequired);
        }
    }

    private static void DescribeIdempotencyKey(OpenApiOperation operation)
    {
        var parameter = operation.Parameters?.OfType<OpenApiParameter>()
            .FirstOrDefault(p => p.In == ParameterLocation.Header && string.Equals(p.Name, "Idempotency-Key", StringComparison.OrdinalIgnoreCase));
        if (parameter is null)
        {
            return;
        }
        parameter.Description ??= "A key the client chooses per logical request (e.g. a UUID). Retrying with the same key and body answers the "
            + "first result again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is 422.";
        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200, Pattern = "^[\\x21-\\x7E]+$" };
        parameter.Example = System.Text.Json.Nodes.JsonValue.Create("3f1c9a52-portal-form-81");
        foreach (var (status, response) in operation.Responses!.Where(r => r.Key.StartsWith('2')))
        {
            if (response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Idempotent-Replayed"] = new OpenApiHeader
                {
                    Description = "`true` when this answer repeats the result of an earlier request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("true")] },
                };
            }
        }
    }

    private static void DescribeDeprecation(OpenApiOperation operation, DeprecationMetadata deprecation)
    {
        operation.Deprecated = true;
        var text = $"**Deprecated** since {deprecation.Since:yyyy-MM-dd}";
        text += deprecation.Sunset is { } sunset ? $"; removed after {sunset:yyyy-MM-dd}" : "";
        text += deprecation.Successor is { } successor ? $". Use {successor} instead." : ".";
        Append(operation, text + " Answers carry `Deprecation` and `Sunset` headers.");
    }

    private static void AddResponse(OpenApiOperation operation, OpenApiDocument? document, string status, string component)
    {
        if (!operation.Responses!.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponseReference(component, document);
        }
    }

    private static void Append(OpenApiOperation operation, string paragraph) =>
        operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? paragraph : $"{operation.Description}\n\n{paragraph}";

    /// <summary>The method a minimal-API endpoint calls (tests and documents use it to tell services apart).</summary>
    internal static MethodInfo? HandlerOf(IList<object> metadata) => metadata.OfType<MethodInfo>().FirstOrDefault();
}
