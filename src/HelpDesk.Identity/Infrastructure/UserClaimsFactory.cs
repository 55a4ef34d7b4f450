using System.Security.Claims;
using HelpDesk.Identity.Domain;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>
/// Builds the claims of a person's tokens from the directory as it is now, so a changed role or a deactivated
/// account takes effect at the next refresh. Which claim goes into which token is decided here too.
/// </summary>
public sealed class UserClaimsFactory(IdentityServiceDbContext db, IOptionsMonitor<IdentityServiceOptions> options)
{
    public const string GroupClaim = HelpDeskClaims.Group;

    public async Task<ClaimsIdentity> CreateAsync(HelpDeskUser user, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(authenticationType: "HelpDesk.Identity", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, string.IsNullOrEmpty(user.DisplayName) ? user.UserName : user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(HelpDeskClaims.Kind, "user");
        identity.SetClaims(Claims.Role, [.. user.Roles.Where(HelpDeskRoles.IsKnown)]);
        identity.SetClaims(HelpDeskClaims.Group, [.. user.Groups]);
        if (user.ManagerId is not null)
        {
            identity.SetClaim(HelpDeskClaims.Manager, user.ManagerId);
            // Approval requests for the person's catalogue requests are mailed to the manager (Routing's RequesterManager).
            var managerEmail = await db.Users.AsNoTracking().Where(u => u.Id == user.ManagerId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            identity.SetClaim(HelpDeskClaims.ManagerEmail, managerEmail);
        }
        if (user.OrganisationId is not null)
        {
            identity.SetClaim(HelpDeskClaims.Organisation, user.OrganisationId);
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrganisationId, cancellationToken);
            if (organisation?.ShareTickets == true)
            {
                identity.SetClaim(HelpDeskClaims.TicketVisibility, HelpDeskClaims.OrganisationVisibility);
            }
        }

        identity.SetScopes(scopes);
        identity.SetResources(options.CurrentValue.Audience);
        identity.SetDestinations(claim => DestinationsOf(claim, identity));
        return identity;
    }

    /// <summary>A machine client (client credentials): its id is the subject; roles only when configured for it.</summary>
    public ClaimsIdentity CreateForClient(string clientId, string? displayName, IEnumerable<string> scopes, IEnumerable<string> roles)
    {
        var identity = new ClaimsIdentity(authenticationType: "HelpDesk.Identity", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, displayName ?? clientId)
            .SetClaim(HelpDeskClaims.Kind, "client");
        identity.SetClaims(Claims.Role, [.. roles.Where(HelpDeskRoles.IsKnown)]);
        identity.SetScopes(scopes);
        identity.SetResources(options.CurrentValue.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return identity;
    }

    /// <summary>The access token carries everything services authorize on; the id token only what the client asked to know.</summary>
    private static IEnumerable<string> DestinationsOf(Claim claim, ClaimsIdentity identity)
    {
        yield return OpenIddictConstants.Destinations.AccessToken;
        var toIdToken = claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername => identity.HasScope(Scopes.Profile),
            Claims.Email => identity.HasScope(Scopes.Email),
            Claims.Role or HelpDeskClaims.Group => identity.HasScope(Scopes.Roles),
            HelpDeskClaims.Organisation or HelpDeskClaims.Manager or HelpDeskClaims.ManagerEmail or HelpDeskClaims.TicketVisibility => identity.HasScope(Scopes.Profile),
            _ => false,
        };
        if (toIdToken)
        {
            yield return OpenIddictConstants.Destinations.IdentityToken;
        }
    }
}
