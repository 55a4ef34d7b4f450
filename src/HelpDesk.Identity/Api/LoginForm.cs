using System.Security.Claims;
using HelpDesk.Identity.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HelpDesk.Identity.Api;

public sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}
