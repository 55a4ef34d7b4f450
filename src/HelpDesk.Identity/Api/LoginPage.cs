using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace HelpDesk.Identity.Api;

/// <summary>A plain HTML sign-in form (no script), with an anti-forgery token.</summary>
internal static class LoginPage
{
    public static IResult Render(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? userName, string? error, int status = 200)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        string E(string? value) => WebUtility.HtmlEncode(value ?? "");
        var errorHtml = error is null ? "" : $"<p class=\"error\" role=\"alert\">{E(error)}</p>";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · HelpDesk</title>
            <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
            label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;box-sizing:border-box}
            button{margin-top:1.5rem;padding:.6rem 1.2rem}.error{color:#b00020}</style></head>
            <body><h1>Sign in to HelpDesk</h1>{{errorHtml}}
            <form method="post" action="{{AccountEndpoints.LoginPath}}">
            <input type="hidden" name="{{E(tokens.FormFieldName)}}" value="{{E(tokens.RequestToken)}}">
            <input type="hidden" name="ReturnUrl" value="{{E(returnUrl)}}">
            <label>User name or e-mail <input name="UserName" autocomplete="username" required value="{{E(userName)}}"></label>
            <label>Password <input name="Password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            </form></body></html>
            """;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Frame-Options"] = "DENY";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
