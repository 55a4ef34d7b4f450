using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The caller from the verified forwarded token (<see cref="ServiceTokens"/>), once JwtBearer has validated it.
/// A request without a valid token is <see cref="Caller.Unidentified"/> (and the fallback policy has already
/// answered it with 401 unless the endpoint is anonymous).
/// </summary>
public sealed class ServiceTokenCallerResolver : ICallerResolver
{
    public Caller Resolve(HttpContext context) => FromPrincipal(context.User);

    public static Caller FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity || identity.AuthenticationType != ServiceTokens.AuthenticationScheme
            || user.FindFirst(HelpDeskClaims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return Caller.Unidentified;
        }
        string? One(string type) => user.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
        HashSet<string> All(string type) => user.FindAll(type).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var scopes = (One(HelpDeskClaims.Scope) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, One(HelpDeskClaims.Name), One(HelpDeskClaims.Channel), scopes, All(HelpDeskClaims.Role))
        {
            Kind = One(HelpDeskClaims.Kind) ?? CallerKinds.Channel,
            Email = One(HelpDeskClaims.Email),
            UserName = One(HelpDeskClaims.PreferredUserName),
            Organisation = One(HelpDeskClaims.Organisation),
            Manager = One(HelpDeskClaims.Manager),
            ManagerEmail = One(HelpDeskClaims.ManagerEmail),
            Origin = One(HelpDeskClaims.Origin),
            Groups = All(HelpDeskClaims.Group),
            SharesOrganisationTickets = One(HelpDeskClaims.TicketVisibility) == HelpDeskClaims.OrganisationVisibility,
        };
    }
}
