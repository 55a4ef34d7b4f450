using System.Security.Claims;
using HelpDesk.Identity.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HelpDesk.Identity.Api;

/// <summary>
/// The sign-in page of local accounts. The password is checked by ASP.NET Core Identity (hash, lockout after
/// repeated failures); success sets the identity service's own session cookie, not a token.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string SecurityStampClaim = "security_stamp";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, ShowLogin).ExcludeFromDescription().AllowAnonymous();
        app.MapPost(LoginPath, LoginAsync).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static IResult ShowLogin(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        LoginPage.Render(context, antiforgery, LocalOrRoot(returnUrl), userName: null, error: null);

    private static async Task<IResult> LoginAsync(
        HttpContext context, IAntiforgery antiforgery, [FromForm] LoginForm form,
        UserManager<HelpDeskUser> users, SignInManager<HelpDeskUser> signIn, ILogger<LoginForm> logger)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        var name = (form.UserName ?? "").Trim();
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name) ?? await users.FindByEmailAsync(name);
        if (user is null || !user.Active)
        {
            // Same work and answer as a wrong password, so the page does not reveal which accounts exist.
            users.PasswordHasher.VerifyHashedPassword(new HelpDeskUser(), DummyHash, form.Password ?? "");
            return Failed(context, antiforgery, returnUrl, name, logger, "unknown or inactive account");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, form.Password ?? "", lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused for {User}: locked out", user.Id);
            return LoginPage.Render(context, antiforgery, returnUrl, name,
                "Too many failed attempts: this account is locked for a while.", StatusCodes.Status423Locked);
        }
        if (!result.Succeeded)
        {
            return Failed(context, antiforgery, returnUrl, name, logger, "wrong password");
        }

        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id));
        identity.AddClaim(new Claim(Claims.Name, user.UserName ?? user.Id));
        identity.AddClaim(new Claim(SecurityStampClaim, await users.GetSecurityStampAsync(user)));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        logger.LogInformation("User {User} signed in", user.Id);
        return Results.LocalRedirect(returnUrl);
    }

    private static IResult Failed(HttpContext context, IAntiforgery antiforgery, string returnUrl, string name, ILogger logger, string reason)
    {
        logger.LogInformation("Sign-in refused for '{Name}': {Reason}", name, reason);
        return LoginPage.Render(context, antiforgery, returnUrl, name, "The user name or password is not correct.", StatusCodes.Status401Unauthorized);
    }

    /// <summary>Only paths on this site: an open redirect would let a phishing link borrow the sign-in page.</summary>
    private static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static readonly string DummyHash = new PasswordHasher<HelpDeskUser>().HashPassword(new HelpDeskUser(), Guid.NewGuid().ToString());
}
