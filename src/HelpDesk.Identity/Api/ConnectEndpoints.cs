using System.Security.Claims;
using HelpDesk.Identity.Domain;
using HelpDesk.Identity.Infrastructure;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HelpDesk.Identity.Api;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to HelpDesk: it validates the protocol (client, redirect
/// URI, PKCE, grant, scopes), HelpDesk decides who the subject is and what goes into the tokens.
/// </summary>
public static class ConnectEndpoints
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/logout";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapPost(TokenPath, ExchangeAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapMethods(UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>Signed in at the identity service (cookie) → a code for the client; otherwise to the sign-in page.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<HelpDeskUser> users, UserClaimsFactory claims)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var user = session.Succeeded ? await users.FindByIdAsync(session.Principal!.FindFirstValue(Claims.Subject) ?? "") : null;
        var mustSignIn = user is null || !user.Active || await users.IsLockedOutAsync(user) || request.HasPromptValue(PromptValues.Login)
            || await IsStaleAsync(session, users, user);
        if (mustSignIn)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }
            // Ask for the password, then come back here with the same request (without prompt=login, to avoid a loop).
            var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        // First-party clients only (registered by the operator): consent is implicit.
        var identity = await claims.CreateAsync(user!, request.GetScopes(), context.RequestAborted);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>A session whose security stamp changed (password reset, deactivation) no longer counts.</summary>
    private static async Task<bool> IsStaleAsync(AuthenticateResult session, UserManager<HelpDeskUser> users, HelpDeskUser? user) =>
        user is not null && session.Principal!.FindFirstValue(AccountEndpoints.SecurityStampClaim) != await users.GetSecurityStampAsync(user);

    private static async Task<IResult> ExchangeAsync(
        HttpContext context, UserManager<HelpDeskUser> users, UserClaimsFactory claims, IOptionsMonitor<IdentityServiceOptions> options)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the client and checked that it may use this grant and these scopes.
            var client = options.CurrentValue.Clients.FirstOrDefault(c => c.ClientId == request.ClientId);
            var identity = claims.CreateForClient(request.ClientId!, client?.DisplayName, request.GetScopes(), client?.Roles ?? []);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var previous = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(previous.Principal?.GetClaim(Claims.Subject) ?? "");
            if (user is null || !user.Active || await users.IsLockedOutAsync(user))
            {
                return Forbid(Errors.InvalidGrant, "The account no longer exists, is deactivated or locked.");
            }
            // Claims are rebuilt from the directory: role and organisation changes apply at the next refresh.
            var identity = await claims.CreateAsync(user, previous.Principal!.GetScopes(), context.RequestAborted);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, UserManager<HelpDeskUser> users, UserClaimsFactory claims)
    {
        var token = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        var user = token.Succeeded ? await users.FindByIdAsync(token.Principal!.GetClaim(Claims.Subject) ?? "") : null;
        if (user is null || !user.Active)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme]);
        }
        var identity = await claims.CreateAsync(user, token.Principal!.GetScopes(), context.RequestAborted);
        var answer = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        foreach (var group in identity.Claims.Where(c => c.Type != Claims.Private.Scope && c.Type != Claims.Private.Resource
                     && c.Type != Claims.Subject && c.GetDestinations().Contains(Destinations.IdentityToken)).GroupBy(c => c.Type))
        {
            answer[group.Key] = group.Key is Claims.Role or Infrastructure.UserClaimsFactory.GroupClaim
                ? group.Select(c => c.Value).ToArray()
                : group.First().Value;
        }
        return Results.Ok(answer);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
