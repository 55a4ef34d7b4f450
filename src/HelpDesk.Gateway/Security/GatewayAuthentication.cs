using HelpDesk.Gateway.Pipeline;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpDesk.Gateway.Security;

/// <summary>
/// Who may call the gateway: channel apps with API keys, and people and machine clients with access tokens from the
/// HelpDesk identity service or a configured enterprise issuer. One policy scheme picks the handler per request:
/// a bearer token goes to the scheme of the issuer named in it (unknown issuers are refused), anything else to API keys.
/// </summary>
internal static class GatewayAuthentication
{
    public const string Scheme = "HelpDesk.Gateway";
    public const string UnknownIssuerScheme = "Bearer.UnknownIssuer";
    public const string IdentityServiceName = "helpdesk";

    public static void AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        var gateway = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        var issuers = new Dictionary<string, string>(StringComparer.Ordinal);
        var authentication = builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, null, policy => policy.ForwardDefaultSelector = context => SelectScheme(context, issuers))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, UnknownIssuerHandler>(UnknownIssuerScheme, null);

        if (gateway.Identity?.Authority is not null)
        {
            var identity = gateway.Identity;
            identity.Name = string.IsNullOrWhiteSpace(identity.Name) ? IdentityServiceName : identity.Name;
            identity.MetadataAddress ??= InternalMetadataAddress(builder.Configuration);
            AddIssuer(authentication, issuers, identity, builtIn: true, gateway);
        }
        foreach (var external in gateway.ExternalIssuers.Where(i => i.Authority is not null))
        {
            AddIssuer(authentication, issuers, external, builtIn: false, gateway);
        }
    }

    private static void AddIssuer(AuthenticationBuilder authentication, Dictionary<string, string> issuers, TokenIssuerOptions issuer, bool builtIn, GatewayOptions gateway)
    {
        var scheme = "Bearer." + issuer.Name;
        issuers[Normalize(issuer.ExpectedIssuer)] = scheme;
        authentication.AddJwtBearer(scheme, jwt =>
        {
            jwt.Authority = issuer.Authority!.ToString();
            jwt.Audience = issuer.Audience;
            jwt.RequireHttpsMetadata = issuer.RequireHttpsMetadata;
            jwt.MapInboundClaims = false;
            if (issuer.MetadataAddress is not null)
            {
                jwt.MetadataAddress = issuer.MetadataAddress.ToString();
                // Discovery names the public URLs; fetch the keys from the same (internal) place as discovery.
                jwt.BackchannelHttpHandler = new IssuerRewriteHandler(issuer.Authority, issuer.MetadataAddress);
            }
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = issuer.ExpectedIssuer,
                ValidAudience = issuer.Audience,
                NameClaimType = builtIn ? HelpDeskClaims.Name : issuer.NameClaim,
                RoleClaimType = builtIn ? HelpDeskClaims.Role : issuer.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var caller = builtIn
                        ? BearerCallerMapper.FromIdentityService(context.Principal!, issuer)
                        : BearerCallerMapper.FromExternal(context.Principal!, issuer);
                    if (string.IsNullOrEmpty(caller.Id) || caller.Id.EndsWith(':'))
                    {
                        context.Fail("The access token names no subject.");
                        return Task.CompletedTask;
                    }
                    context.HttpContext.Features.Set(new GatewayIdentity(caller, gateway.PersonRateLimitPerMinute, gateway.PersonRateLimitPerMinute));
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await WriteBearerChallengeAsync(context.HttpContext, Describe(context.AuthenticateFailure));
                },
            };
        });
    }

    public static async Task WriteBearerChallengeAsync(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"helpdesk\", error=\"invalid_token\"";
        await GatewayProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    /// <summary>Why a token was refused, in words that reveal nothing about the keys.</summary>
    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "The access token has expired.",
        SecurityTokenInvalidAudienceException => "The access token is not meant for HelpDesk (wrong audience).",
        SecurityTokenInvalidIssuerException => "The access token comes from an issuer this gateway does not accept.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The access token's signature is not valid.",
        null => "An access token is required.",
        _ => "The access token is not valid.",
    };

    private static string SelectScheme(HttpContext context, Dictionary<string, string> issuers)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }
        try
        {
            var issuer = new JsonWebToken(authorization[7..].Trim()).Issuer;
            return issuers.GetValueOrDefault(Normalize(issuer), UnknownIssuerScheme);
        }
        catch (ArgumentException)
        {
            // Not a JWT at all (SecurityTokenMalformedException derives from it).
            return UnknownIssuerScheme;
        }
    }

    private static string Normalize(string issuer) => issuer.TrimEnd('/');

    /// <summary>The identity service's own address from service discovery (services__identity__http__0), when the gateway has one.</summary>
    private static Uri? InternalMetadataAddress(IConfiguration configuration) =>
        configuration["services:identity:http:0"] is { Length: > 0 } address
            ? new Uri(new Uri(address.TrimEnd('/') + "/"), ".well-known/openid-configuration")
            : null;
}
