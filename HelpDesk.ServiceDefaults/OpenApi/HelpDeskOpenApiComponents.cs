using System.Text.Json.Nodes;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.OpenApi;

namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>
/// The shared parts of every document: the two ways to authenticate at the gateway and the problem answers the gateway
/// and the platform give for any operation (RFC 7807 <c>application/problem+json</c>, as docs/gateway.md lists them).
/// </summary>
internal static class HelpDeskOpenApiComponents
{
    public const string ApiKeyScheme = "ApiKey";
    public const string OAuth2Scheme = "OAuth2";
    public const string ProblemSchema = "ProblemDetails";
    public const string BadRequest = "BadRequest";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string PayloadTooLarge = "PayloadTooLarge";
    public const string PreconditionFailed = "PreconditionFailed";
    public const string PreconditionRequired = "PreconditionRequired";
    public const string TooManyRequests = "TooManyRequests";
    public const string Unavailable = "Unavailable";

    private static readonly Dictionary<string, string> ScopeDescriptions = new()
    {
        [HelpDeskScopes.TicketsRead] = "Read tickets and their comments (people: their own; channel keys: all).",
        [HelpDeskScopes.TicketsWrite] = "Submit tickets, comment, change status, rate.",
        [HelpDeskScopes.TicketsAgent] = "Agent work on tickets: reassign, edit, macros, bulk, links, problems, major incidents, history.",
        [HelpDeskScopes.KbRead] = "Search and read published knowledge-base articles; give feedback.",
        [HelpDeskScopes.KbWrite] = "Write, publish and retire knowledge-base articles.",
        [HelpDeskScopes.KbInternal] = "Internal articles, drafts and KB search analytics.",
        [HelpDeskScopes.KbAdmin] = "Rebuild the knowledge-base index.",
        [HelpDeskScopes.RoutingRead] = "Read routing rules, queues, agents, approvals and catalogue.",
        [HelpDeskScopes.RoutingAdmin] = "Change routing rules, queues, agents and catalogue.",
        [HelpDeskScopes.CatalogWrite] = "Publish and retire service catalogue items (and nothing else of routing).",
        [HelpDeskScopes.ApprovalsDecide] = "Decide approvals that name the caller.",
        [HelpDeskScopes.SlaRead] = "Read SLA policies, calendars and clocks.",
        [HelpDeskScopes.SlaAdmin] = "Change SLA policies and calendars.",
        [HelpDeskScopes.NotificationsRead] = "Read notification templates, subscriptions and deliveries.",
        [HelpDeskScopes.NotificationsAdmin] = "Change notification templates and subscriptions.",
        [HelpDeskScopes.DirectoryRead] = "Read the people directory.",
        [HelpDeskScopes.DirectoryAdmin] = "Manage people, organisations and signing keys.",
        [HelpDeskScopes.ReportsRead] = "Read support-lead reports across every ticket.",
    };

    public static void AddTo(OpenApiDocument document, string serverUrl)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "A channel app's API key (`hdk_…`), minted by the operator with the scopes the app needs. "
                + "`Authorization: ApiKey <key>` works too. The key never reaches a service.",
        };
        var scopes = HelpDeskScopes.All.ToDictionary(s => s, s => ScopeDescriptions.GetValueOrDefault(s, s));
        var baseUrl = serverUrl.TrimEnd('/');
        document.Components.SecuritySchemes[OAuth2Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "An access token from the HelpDesk identity service (OpenID Connect, discovery at "
                + $"`{baseUrl}/.well-known/openid-configuration`) or a configured enterprise issuer: people sign in with the "
                + "authorization code flow and PKCE and get the scopes of their roles; machine clients use client credentials.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri($"{baseUrl}/connect/authorize"),
                    TokenUrl = new Uri($"{baseUrl}/connect/token"),
                    RefreshUrl = new Uri($"{baseUrl}/connect/token"),
                    Scopes = scopes,
                },
                ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri($"{baseUrl}/connect/token"), Scopes = scopes },
            },
        };
        AddProblemSchema(document);
        AddResponses(document);
    }

    private static void AddResponses(OpenApiDocument document)
    {
        document.Components!.Responses ??= new Dictionary<string, IOpenApiResponse>();
        var responses = document.Components.Responses;
        responses[BadRequest] = Problem(document, "The request is malformed: unreadable JSON, a wrong type or an unknown member. `errors` names each field.");
        responses[Unauthorized] = Problem(document, "No valid credential: no API key or token, an unknown, revoked or expired key, or an invalid token.",
            ("WWW-Authenticate", "`ApiKey realm=\"helpdesk\"` (with `error=\"invalid_key\"` when a key was sent) or `Bearer realm=\"helpdesk\", error=\"invalid_token\"`."));
        responses[Forbidden] = Problem(document, "The caller is known but lacks the scope or role this operation needs (`detail` names it), or may not act on this resource.");
        responses[PayloadTooLarge] = Problem(document, "The body is larger than the route allows (1 MiB unless the operator set otherwise); nothing reached the service.");
        responses[PreconditionFailed] = Problem(document, "`If-Match` names a version that is no longer current: reload the resource and apply the change again.");
        responses[PreconditionRequired] = Problem(document, "`If-Match` is required for this operation: send the ETag of the version you edited.");
        responses[TooManyRequests] = Problem(document, "The caller is over its rate limit (per API key, person or client). Wait `Retry-After` seconds and retry.",
            ("Retry-After", "Seconds to wait before the next request is accepted."));
        responses[Unavailable] = Problem(document, "The gateway could not get an answer from the service (502 unreachable, 503 no healthy destination, 504 timed out). Safe to retry with the same Idempotency-Key.");
    }

    private static OpenApiResponse Problem(OpenApiDocument document, string description, params (string Name, string Description)[] headers)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
        if (headers.Length > 0)
        {
            response.Headers = headers.ToDictionary(
                h => h.Name,
                h => (IOpenApiHeader)new OpenApiHeader
                {
                    Description = h.Description,
                    Required = true,
                    Schema = new OpenApiSchema { Type = h.Name == "Retry-After" ? JsonSchemaType.Integer : JsonSchemaType.String },
                });
        }
        return response;
    }

    /// <summary>RFC 7807 as HelpDesk answers it (the generator's own ProblemDetails, when present, is replaced by this fuller one).</summary>
    private static void AddProblemSchema(OpenApiDocument document)
    {
        document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        static OpenApiSchema Text(string description, string? example = null) => new()
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null,
            Description = description,
            Examples = example is null ? null : [JsonValue.Create(example)],
        };
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 7807 problem. `errors` (validation problems) maps each bad field — a camelCase JSON path, query "
                + "parameter or header name — to its messages.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI identifying the problem type.", "https://tools.ietf.org/html/rfc9110#section-15.5.1"),
                ["title"] = Text("A short summary of the problem.", "One or more validation errors occurred."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Description = "The HTTP status.", Examples = [JsonValue.Create(400)] },
                ["detail"] = Text("What went wrong in this request, for a person to read."),
                ["instance"] = Text("The request path.", "/api/v1/tickets"),
                ["traceId"] = Text("The trace id of the request (quote it when reporting a problem)."),
                ["correlationId"] = Text("The X-Correlation-Id of the request (answers from the gateway)."),
                ["field"] = Text("The header or field a 412/422/428 is about.", "If-Match"),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Validation messages per field.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                    Examples = [JsonNode.Parse("""{ "subject": [ "A subject is required." ] }""")!],
                },
            },
        };
    }
}
