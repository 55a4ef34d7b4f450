using System.Security.Claims;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Gateway.Security;

/// <summary>
/// Turns the claims of a validated access token into a <see cref="Caller"/>. People get the scopes of their roles;
/// machine clients of the identity service get the scopes their token was granted (plus those of any roles).
/// </summary>
internal static class BearerCallerMapper
{
    public static Caller FromIdentityService(ClaimsPrincipal user, TokenIssuerOptions issuer)
    {
        string? One(string type) => user.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
        HashSet<string> All(string type) => user.FindAll(type).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var roles = All(HelpDeskClaims.Role);
        roles.IntersectWith(HelpDeskRoles.All);
        var kind = One(HelpDeskClaims.Kind) == CallerKinds.Client ? CallerKinds.Client : CallerKinds.User;
        var scopes = new HashSet<string>(HelpDeskRoles.ScopesOf(roles), StringComparer.Ordinal);
        if (kind == CallerKinds.Client)
        {
            scopes.UnionWith((One(HelpDeskClaims.Scope) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(HelpDeskScopes.All.Contains));
        }
        return new Caller(One(HelpDeskClaims.Subject) ?? "", One(HelpDeskClaims.Name), kind == CallerKinds.Client ? "api" : null, scopes, roles)
        {
            Kind = kind,
            Email = One(HelpDeskClaims.Email),
            UserName = One(HelpDeskClaims.PreferredUserName),
            Organisation = One(HelpDeskClaims.Organisation),
            SharesOrganisationTickets = One(HelpDeskClaims.TicketVisibility) == HelpDeskClaims.OrganisationVisibility,
            Manager = One(HelpDeskClaims.Manager),
            ManagerEmail = One(HelpDeskClaims.ManagerEmail),
            Groups = All(HelpDeskClaims.Group),
            Origin = issuer.Name,
        };
    }

    /// <summary>A person from an enterprise issuer: roles through the configured map, ids prefixed with the issuer's name.</summary>
    public static Caller FromExternal(ClaimsPrincipal user, TokenIssuerOptions issuer)
    {
        string? One(string? type) => type is null ? null : user.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
        var roles = new HashSet<string>(issuer.DefaultRoles, StringComparer.Ordinal);
        foreach (var value in user.FindAll(issuer.RoleClaim).Select(c => c.Value))
        {
            var mapped = issuer.RoleMap.Count == 0 ? value : issuer.RoleMap.GetValueOrDefault(value);
            if (mapped is not null)
            {
                roles.Add(mapped);
            }
        }
        roles.IntersectWith(HelpDeskRoles.All);
        var subject = One(issuer.SubjectClaim) ?? One(HelpDeskClaims.Subject) ?? "";
        return new Caller($"{issuer.Name}:{subject}", One(issuer.NameClaim) ?? One(issuer.EmailClaim), null, HelpDeskRoles.ScopesOf(roles), roles)
        {
            Kind = CallerKinds.User,
            Email = One(issuer.EmailClaim),
            Organisation = One(issuer.OrganisationClaim),
            ManagerEmail = One(issuer.ManagerEmailClaim),
            Groups = issuer.GroupClaim is null ? new HashSet<string>(StringComparer.Ordinal) : user.FindAll(issuer.GroupClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            UserName = One(HelpDeskClaims.PreferredUserName),
            Origin = issuer.Name,
        };
    }
}
