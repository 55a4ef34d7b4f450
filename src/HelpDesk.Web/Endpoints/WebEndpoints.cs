using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace HelpDesk.Web.Endpoints;

/// <summary>The few plain endpoints beside the pages: sign-in and out, the language choice, and the islands' JSON.</summary>
public static class WebEndpoints
{
    public static Uri GatewayOf(WebOptions options, IConfiguration configuration) =>
        options.Gateway
        ?? (configuration["services:gateway:http:0"] is { Length: > 0 } address ? new Uri(address) : null)
        ?? options.Authority
        ?? throw new InvalidOperationException("Set Web:Gateway (or services:gateway:http:0): the web app calls the services through the gateway.");

    public static Uri AuthorityOf(WebOptions options, IConfiguration configuration) => options.Authority ?? GatewayOf(options, configuration);

    public static void MapWebEndpoints(this WebApplication app)
    {
        app.MapGet("/signin", SignIn).AllowAnonymous();
        app.MapPost("/signout", SignOutAsync).RequireAuthorization();
        app.MapGet("/culture", SetCulture).AllowAnonymous();
        app.MapIslandEndpoints();
        app.MapLeadExports();
    }

    private static ChallengeHttpResult SignIn(string? returnUrl) =>
        TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]);

    /// <summary>Ends the session here and at the identity service (which then sends the browser home).</summary>
    private static async Task SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
    }

    /// <summary>The language choice is remembered for a year in the standard culture cookie.</summary>
    private static RedirectHttpResult SetCulture(string? lang, string? returnUrl, HttpContext context)
    {
        if (WebExtensions.Cultures.Any(c => c.Name == lang))
        {
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang!)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }
        return TypedResults.LocalRedirect(LocalUrl(returnUrl));
    }

    /// <summary>Only on-site redirects: anything else goes home.</summary>
    public static string LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
