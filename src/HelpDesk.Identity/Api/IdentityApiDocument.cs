using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Identity.Api;

/// <summary>The service's published OpenAPI document (docs/openapi/identity.json, /openapi/identity.json at the gateway).</summary>
public static class IdentityApiDocument
{
    public static readonly ServiceApiDocument Document = new(
        "identity",
        "Identity (directory)",
        "The people directory other services and integrations read: people, organisations, groups, roles, and the signing keys of the identity service. Sign-in and tokens are OpenID Connect at /connect and /.well-known.",
        typeof(IdentityApiDocument).Assembly,
        new Dictionary<string, string>
        {
            ["Directory"] = "People, organisations and groups, and the identity service's signing keys.",
        });
}
