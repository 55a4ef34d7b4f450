using System.Security.Claims;
using HelpDesk.Web.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace HelpDesk.Web.Security;

/// <summary>
/// People sign in at the identity service (authorization code + PKCE, redeemed by this server with its client secret);
/// the session is an encrypted cookie holding the access and refresh tokens, refreshed before the access token expires.
/// </summary>
public static class WebAuthentication
{
    public const string RoleClaim = "role";

    public static void AddWebAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "helpdesk.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.AccessDeniedPath = "/forbidden";
                options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices
                    .GetRequiredService<TokenRefresher>().ValidateAsync(context);
            })
            .AddOpenIdConnect();
        builder.Services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureOpenIdConnect>();
        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
    }

    /// <summary>The OpenID Connect handler's settings come from WebOptions, resolved once the configuration is complete.</summary>
    private sealed class ConfigureOpenIdConnect(IOptions<WebOptions> web, IConfiguration configuration) : IConfigureNamedOptions<OpenIdConnectOptions>
    {
        public void Configure(string? name, OpenIdConnectOptions options)
        {
            if (name != OpenIdConnectDefaults.AuthenticationScheme)
            {
                return;
            }
            var settings = web.Value;
            options.Authority = WebEndpoints.AuthorityOf(settings, configuration).ToString();
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.SaveTokens = true;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = RoleClaim;
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email", "roles", "offline_access" })
            {
                options.Scope.Add(scope);
            }
            // The identity service's sign-in page is in English, French and Italian too: tell it the person's language.
            // The app is served under the gateway at the issuer's own address, so its callbacks are the issuer's
            // /signin-oidc and /signout-callback-oidc (what the identity service registers). Built from the configured
            // public address, not from the request: behind an ingress that ends TLS the request arrives as plain http.
            var publicAddress = settings.Authority;
            options.Events.OnRedirectToIdentityProvider = context =>
            {
                context.ProtocolMessage.UiLocales = System.Globalization.CultureInfo.CurrentUICulture.Name;
                if (publicAddress is not null)
                {
                    context.ProtocolMessage.RedirectUri = new Uri(publicAddress, options.CallbackPath.Value!.TrimStart('/')).ToString();
                }
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                if (publicAddress is not null)
                {
                    context.ProtocolMessage.PostLogoutRedirectUri = new Uri(publicAddress, options.SignedOutCallbackPath.Value!.TrimStart('/')).ToString();
                }
                return Task.CompletedTask;
            };
            options.Events.OnTokenValidated = context =>
            {
                // The access token carries the roles the gateway grants scopes for; show what the person may do from it.
                if (context.Principal?.Identity is ClaimsIdentity identity && context.TokenEndpointResponse?.AccessToken is { } token)
                {
                    AccessTokenClaims.CopyRoles(token, identity);
                }
                return Task.CompletedTask;
            };
        }

        public void Configure(OpenIdConnectOptions options) => Configure(OpenIdConnectDefaults.AuthenticationScheme, options);
    }
}
