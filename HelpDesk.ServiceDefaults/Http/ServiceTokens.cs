using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The token the gateway forwards to services ("Authorization: Bearer …"): ES256, issuer <see cref="Issuer"/>,
/// audience <see cref="Audience"/>, a couple of minutes long, carrying the verified caller as claims
/// (<see cref="HelpDeskClaims"/>). Services accept nothing else.
/// </summary>
public static class ServiceTokens
{
    public const string Issuer = "helpdesk-gateway";
    public const string Audience = "helpdesk-services";
    public const string AuthenticationScheme = "HelpDesk.Service";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A new P-256 key pair as (private PKCS#8 PEM, public SPKI PEM).</summary>
    public static (string PrivateKeyPem, string PublicKeyPem) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>The public key of a private key PEM.</summary>
    public static string PublicKeyOf(string privateKeyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    public static ECDsaSecurityKey LoadKey(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        // The key id is derived from the public key, so the gateway and services agree on it without configuration.
        var id = Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
        return new ECDsaSecurityKey(key) { KeyId = id };
    }

    /// <summary>Signs a token for <paramref name="claims"/> (scope as one space-separated claim, roles and groups repeated).</summary>
    public static string Create(ECDsaSecurityKey signingKey, IEnumerable<Claim> claims, TimeSpan lifetime, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var subject = new ClaimsIdentity(claims);
        subject.AddClaim(new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")));
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = subject,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>The claims of a caller, as the gateway writes them into a forwarded token.</summary>
    public static List<Claim> ClaimsOf(Caller caller)
    {
        var claims = new List<Claim>
        {
            new(HelpDeskClaims.Subject, caller.Id),
            new(HelpDeskClaims.Kind, caller.Kind),
        };
        void Add(string type, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                claims.Add(new Claim(type, value));
            }
        }
        Add(HelpDeskClaims.Name, caller.Name);
        Add(HelpDeskClaims.Channel, caller.Channel);
        Add(HelpDeskClaims.Email, caller.Email);
        Add(HelpDeskClaims.PreferredUserName, caller.UserName);
        Add(HelpDeskClaims.Organisation, caller.Organisation);
        Add(HelpDeskClaims.Manager, caller.Manager);
        Add(HelpDeskClaims.ManagerEmail, caller.ManagerEmail);
        Add(HelpDeskClaims.Origin, caller.Origin);
        if (caller.SharesOrganisationTickets)
        {
            Add(HelpDeskClaims.TicketVisibility, HelpDeskClaims.OrganisationVisibility);
        }
        Add(HelpDeskClaims.Scope, string.Join(' ', caller.Scopes.Order(StringComparer.Ordinal)));
        claims.AddRange(caller.Roles.Order(StringComparer.Ordinal).Select(r => new Claim(HelpDeskClaims.Role, r)));
        claims.AddRange(caller.Groups.Order(StringComparer.Ordinal).Select(g => new Claim(HelpDeskClaims.Group, g)));
        return claims;
    }
}
