using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HelpDesk.ServiceDefaults.Http;

public static class ServiceAuthenticationExtensions
{
    /// <summary>
    /// Every request to this service must carry a valid forwarded token (<see cref="ServiceTokens"/>) or it is answered
    /// 401, whatever the endpoint; <c>/health</c>, <c>/alive</c> and the OpenAPI document stay open. The caller of
    /// every requirement and handler is then the token's. Safe to call once per service in a composed host.
    /// </summary>
    public static IHostApplicationBuilder AddServiceAuthentication(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(ServiceAuthenticationMarker)))
        {
            return builder;
        }
        builder.Services.AddSingleton<ServiceAuthenticationMarker>();
        // No key means no request could ever be verified: refuse to start rather than answer every request with an error.
        builder.Services.AddOptions<ServiceTokenOptions>().BindConfiguration(ServiceTokenOptions.Section)
            .Validate(o => o.VerificationKeys.Any(k => !string.IsNullOrWhiteSpace(k)) || !string.IsNullOrWhiteSpace(o.SigningKey),
                $"{ServiceTokenOptions.Section}:VerificationKeys:0 must hold the gateway's public key (PEM): services accept only identities the gateway signed.")
            .ValidateOnStart();
        builder.Services.AddAuthentication(ServiceTokens.AuthenticationScheme)
            .AddJwtBearer(ServiceTokens.AuthenticationScheme, _ => { });
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureServiceTokenValidation>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ServiceTokens.AuthenticationScheme).RequireAuthenticatedUser().Build());
        builder.Services.RemoveAll<ICallerResolver>();
        builder.Services.AddSingleton<ICallerResolver, ServiceTokenCallerResolver>();
        return builder;
    }

    private sealed class ServiceAuthenticationMarker;

    private sealed class ConfigureServiceTokenValidation(IOptionsMonitor<ServiceTokenOptions> tokens, IConfiguration configuration)
        : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != ServiceTokens.AuthenticationScheme)
            {
                return;
            }
            var settings = tokens.CurrentValue;
            var pems = settings.VerificationKeys.Count > 0 ? settings.VerificationKeys
                : settings.SigningKey is { Length: > 0 } signing ? [ServiceTokens.PublicKeyOf(signing)] : [];
            if (pems.Count == 0)
            {
                throw new InvalidOperationException(
                    $"No key to verify forwarded identities: set {ServiceTokenOptions.Section}:VerificationKeys:0 to the gateway's public key " +
                    "(the AppHost does this for local runs). Services refuse every request they cannot verify.");
            }
            options.MapInboundClaims = false;
            options.RequireHttpsMetadata = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = ServiceTokens.Issuer,
                ValidAudience = ServiceTokens.Audience,
                IssuerSigningKeys = [.. pems.Select(ServiceTokens.LoadKey)],
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = HelpDeskClaims.Name,
                RoleClaimType = HelpDeskClaims.Role,
                AuthenticationType = ServiceTokens.AuthenticationScheme,
            };
            // A 401 with a problem body (UseStatusCodePages would otherwise leave it empty after the challenge).
            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=\"helpdesk-services\"";
                    await HttpProblems.WriteUnauthorizedAsync(context.HttpContext,
                        context.AuthenticateFailure is null
                            ? "This service accepts only requests forwarded by the HelpDesk gateway with a verified identity."
                            : "The forwarded identity is not valid (expired, wrong audience or not signed by the gateway).");
                },
            };
            _ = configuration;
        }
    }
}
