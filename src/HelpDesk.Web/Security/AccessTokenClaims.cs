using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;

namespace HelpDesk.Web.Security;

/// <summary>
/// Roles and the e-mail address read from the access token the identity service just issued to this server (over TLS in
/// production, from the token endpoint): they decide which pages to show; the gateway and services enforce them again.
/// </summary>
public static class AccessTokenClaims
{
    public static void CopyRoles(string accessToken, ClaimsIdentity identity)
    {
        var token = new JwtSecurityTokenHandler().ReadJwtToken(accessToken);
        foreach (var claim in token.Claims)
        {
            var wanted = claim.Type is WebAuthentication.RoleClaim or "email" or "org"
                && !identity.HasClaim(claim.Type, claim.Value);
            if (wanted)
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }
    }
}
