using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HelpDesk.Gateway.Security;

/// <summary>A bearer token that is not a JWT, or names an issuer that is not configured: 401, nothing is tried.</summary>
internal sealed class UnknownIssuerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Refusal = "The access token is not a JWT from an issuer this gateway accepts.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.Fail(Refusal));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        GatewayAuthentication.WriteBearerChallengeAsync(Context, Refusal);
}
