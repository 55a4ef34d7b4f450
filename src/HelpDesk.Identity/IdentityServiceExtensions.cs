using HelpDesk.Identity.Api;
using HelpDesk.Identity.Domain;
using HelpDesk.Identity.Infrastructure;
using HelpDesk.Messaging.Persistence;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HelpDesk.Identity;

public static class IdentityServiceExtensions
{
    public const string DatabaseName = "identitydb";

    public static IHostApplicationBuilder AddIdentityService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApiDocument(HelpDesk.Identity.Api.IdentityApiDocument.Document);
        // The directory API takes the gateway's forwarded identity like every service; the sign-in endpoints stay open.
        // Registered first so the sign-in cookie (added below) remains the default scheme.
        builder.AddServiceAuthentication();
        builder.AddServiceDatabase<IdentityServiceDbContext>(DatabaseName);
        var section = builder.Configuration.GetSection(IdentityServiceOptions.Section);
        var settings = section.Get<IdentityServiceOptions>() ?? new IdentityServiceOptions();
        builder.Services.AddOptions<IdentityServiceOptions>().Bind(section)
            .Validate(o => o.Clients.All(c => !string.IsNullOrWhiteSpace(c.ClientId)), "Identity:Clients: every client needs a ClientId.")
            .Validate(o => o.Clients.All(c => !string.Equals(c.Type, "confidential", StringComparison.OrdinalIgnoreCase) || !string.IsNullOrEmpty(c.ClientSecret)),
                "Identity:Clients: a confidential client needs a ClientSecret.")
            .Validate(o => o.Users.All(u => !string.IsNullOrWhiteSpace(u.UserName) && u.Roles.All(HelpDeskRoles.IsKnown)),
                $"Identity:Users: every user needs a UserName, and roles must be among: {string.Join(", ", HelpDeskRoles.All)}.")
            .Validate(o => o.Keys.RotationPeriod > o.Keys.PublishAhead && o.Keys.PublishAhead >= TimeSpan.Zero && o.Keys.CheckInterval > TimeSpan.Zero,
                "Identity:Keys: RotationPeriod must exceed PublishAhead, and CheckInterval must be positive.")
            .Validate(o => string.IsNullOrEmpty(o.WebClientSecret) || o.Issuer is not null,
                "Identity:WebClientSecret needs Identity:Issuer: the web app's redirect URIs are the issuer's /signin-oidc and /signout-callback-oidc.")
            .PostConfigure(WebAppClient.Register)
            .ValidateOnStart();

        AddAccounts(builder.Services, settings);
        AddTokenServer(builder.Services, settings);

        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<KeyRotation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<KeyRotation>());
        builder.Services.AddHostedService<DirectorySeeder>();
        builder.Services.AddScoped<UserClaimsFactory>();
        builder.Services.AddSingleton<TokenServerKeySetup>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(s => s.GetRequiredService<TokenServerKeySetup>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(s => s.GetRequiredService<TokenServerKeySetup>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictValidationOptions>, TokenValidationKeySetup>();
        return builder;
    }

    public static WebApplication MapIdentityService(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapConnectEndpoints();
        app.MapAccountEndpoints();
        app.MapDirectoryApi();
        return app;
    }

    /// <summary>Local accounts: ASP.NET Core Identity's password hashing and lockout, and the sign-in session cookie.</summary>
    private static void AddAccounts(IServiceCollection services, IdentityServiceOptions settings)
    {
        services.AddIdentityCore<HelpDeskUser>(identity =>
            {
                identity.User.RequireUniqueEmail = false;
                identity.Password.RequiredLength = 10;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = settings.Lockout.MaxFailedAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = settings.Lockout.Duration;
            })
            .AddEntityFrameworkStores<IdentityServiceDbContext>()
            .AddSignInManager();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.LoginPath = AccountEndpoints.LoginPath;
                cookie.Cookie.Name = "helpdesk.identity";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = settings.SessionLifetime;
                cookie.SlidingExpiration = false;
                // Relative: behind the gateway the request's host is the internal one, not the public one.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.Redirect(new Uri(context.RedirectUri).PathAndQuery);
                    return Task.CompletedTask;
                };
            });
        // The cookie and anti-forgery tokens must be readable by every replica and survive restarts.
        services.AddDataProtection().SetApplicationName("HelpDesk.Identity").PersistKeysToDbContext<IdentityServiceDbContext>();
        services.AddAntiforgery();
    }

    private static void AddTokenServer(IServiceCollection services, IdentityServiceOptions settings)
    {
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityServiceDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(ConnectEndpoints.AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(ConnectEndpoints.TokenPath.TrimStart('/'))
                    .SetUserInfoEndpointUris(ConnectEndpoints.UserInfoPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(ConnectEndpoints.EndSessionPath.TrimStart('/'));
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.AllowClientCredentialsFlow();
                server.AllowRefreshTokenFlow();
                server.RegisterScopes([Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. HelpDeskScopes.All]);
                server.RegisterClaims([Claims.Name, Claims.Email, Claims.Role, Claims.PreferredUsername,
                    HelpDeskClaims.Organisation, HelpDeskClaims.Manager, HelpDeskClaims.Group, HelpDeskClaims.TicketVisibility]);
                // Access tokens are signed, not encrypted: the gateway (and any relying API) verifies them with the published keys.
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetIdentityTokenLifetime(settings.IdentityTokenLifetime)
                    .SetAuthorizationCodeLifetime(settings.AuthorizationCodeLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(settings.RefreshTokenReuseLeeway);
                if (settings.Issuer is not null)
                {
                    server.SetIssuer(settings.Issuer);
                    server.AddEventHandler(IssuerEndpoints.Descriptor(settings.Issuer));
                }
                // TLS ends at the ingress; the service itself listens on plain HTTP inside the cluster.
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });
    }
}
