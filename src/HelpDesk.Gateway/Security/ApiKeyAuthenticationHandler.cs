using System.Text.Encodings.Web;
using HelpDesk.Gateway.Pipeline;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HelpDesk.Gateway.Security;

/// <summary>
/// Reads the key from "Authorization: ApiKey &lt;key&gt;" or "X-Api-Key: &lt;key&gt;", verifies it against the stored
/// hashes and answers challenges (401) and forbids (403) with problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ClientIdClaim = "helpdesk:client_id";
    public const string ChannelClaim = "helpdesk:channel";
    public const string ScopeClaim = "scope";

    /// <summary>Authentication property carrying the scope a forbidden request lacked, for the 403 detail.</summary>
    public const string MissingScopeProperty = "helpdesk:missing_scope";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadKey(out var key, out var error))
        {
            return Task.FromResult(AuthenticateResult.Fail(error));
        }
        if (key is null)
        {
            return Task.FromResult(keys.Anonymous is { } anonymous ? Success(anonymous) : AuthenticateResult.NoResult());
        }

        var check = keys.Check(key, out var identity);
        return Task.FromResult(check switch
        {
            KeyCheck.Valid => Success(identity!),
            KeyCheck.Revoked => AuthenticateResult.Fail("The API key has been revoked."),
            KeyCheck.Expired => AuthenticateResult.Fail("The API key has expired."),
            _ => AuthenticateResult.Fail("The API key is not valid."),
        });
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message
            ?? $"An API key is required: send 'Authorization: {GatewayHeaders.AuthorizationScheme} <key>' or '{GatewayHeaders.ApiKey}: <key>'.";
        var error = result.Failure is null ? "" : ", error=\"invalid_key\"";
        Response.Headers.WWWAuthenticate = $"{GatewayHeaders.AuthorizationScheme} realm=\"helpdesk\"{error}";
        await GatewayProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = properties.Items.TryGetValue(MissingScopeProperty, out var missing) ? missing : null;
        var detail = scope is null
            ? "The API key may not use this route."
            : $"The API key lacks the scope '{scope}' required for {Request.Method} {Request.Path}.";
        return GatewayProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", detail);
    }

    private AuthenticateResult Success(ApiKeyIdentity identity)
    {
        Context.Features.Set(identity);
        return AuthenticateResult.Success(new AuthenticationTicket(identity.Principal, SchemeName));
    }

    private bool TryReadKey(out string? key, out string error)
    {
        key = null;
        error = "";
        string? fromAuthorization = null;
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(GatewayHeaders.AuthorizationScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            fromAuthorization = authorization[(GatewayHeaders.AuthorizationScheme.Length + 1)..].Trim();
        }
        var headerValues = Request.Headers[GatewayHeaders.ApiKey];
        if (headerValues.Count > 1)
        {
            error = $"Send one {GatewayHeaders.ApiKey} header, not {headerValues.Count}.";
            return false;
        }
        var fromHeader = headerValues.Count == 1 ? headerValues[0]?.Trim() : null;
        if (fromAuthorization is not null && fromHeader is not null && fromAuthorization != fromHeader)
        {
            error = $"The Authorization and {GatewayHeaders.ApiKey} headers carry different keys.";
            return false;
        }
        key = fromAuthorization ?? fromHeader;
        if (key is { Length: 0 })
        {
            error = "The API key is empty.";
            return false;
        }
        return true;
    }
}
