namespace HelpDesk.Gateway.Security;

/// <summary>
/// An OpenID Connect issuer whose access tokens the gateway accepts as "Authorization: Bearer …": the HelpDesk
/// identity service (Gateway:Identity) or an enterprise's own (Gateway:ExternalIssuers:N, e.g. Entra ID, Keycloak, Okta).
/// </summary>
public sealed class TokenIssuerOptions
{
    /// <summary>Short name, used in the caller id ("name:subject") of external people and in logs.</summary>
    public string Name { get; set; } = "";

    /// <summary>The issuer's base URL; its discovery document is at {Authority}/.well-known/openid-configuration.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The "iss" its tokens carry, when it differs from <see cref="Authority"/> (e.g. without the trailing slash).</summary>
    public string? Issuer { get; set; }

    /// <summary>Where to fetch discovery from, when not from the authority (e.g. the identity service's in-cluster address).</summary>
    public Uri? MetadataAddress { get; set; }

    /// <summary>The "aud" the token must carry for HelpDesk.</summary>
    public string Audience { get; set; } = "helpdesk-api";

    /// <summary>The claim holding roles or groups (Entra: "roles" or "groups"; Keycloak: "roles" via a mapper; Okta: "groups").</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Issuer role/group value → HelpDesk role (requester, agent, approver, lead, admin, editor). Empty: values are taken as they are.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Roles every person from this issuer has (e.g. "requester").</summary>
    public List<string> DefaultRoles { get; set; } = [];

    /// <summary>The claim identifying the person (Entra: "oid" is stable across apps; others: "sub").</summary>
    public string SubjectClaim { get; set; } = "sub";

    public string NameClaim { get; set; } = "name";

    /// <summary>The person's e-mail (Entra: "preferred_username" or "email"), how tickets name their requester.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Optional claim giving the person's organisation (e.g. Entra "tid" or a custom claim).</summary>
    public string? OrganisationClaim { get; set; }

    /// <summary>Claim carrying the person's groups (approver groups, an agent's queues), e.g. "groups"; none when unset.</summary>
    public string? GroupClaim { get; set; }

    /// <summary>Claim carrying the e-mail of the person's manager (asked by RequesterManager approval stages); none when unset.</summary>
    public string? ManagerEmailClaim { get; set; }

    /// <summary>Fetch discovery and keys over HTTPS only (turn off only for a local test issuer).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    internal string ExpectedIssuer => Issuer ?? Authority?.ToString() ?? "";
}
