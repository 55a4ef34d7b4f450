using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using HelpDesk.Identity.Infrastructure;
using HelpDesk.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpDesk.Gateway.Tests;

/// <summary>
/// The gateway in front of a running identity service (real HTTP, real OIDC flows): people and machine clients with
/// access tokens, an enterprise issuer by configuration, and every kind of bad token refused with 401.
/// </summary>
public sealed class BearerTokenTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<ServiceTestHost> GatewayFor(ServiceTestHost identity, EchoUpstream upstream, Action<Dictionary<string, string?>>? more = null) =>
        ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings =>
        {
            settings["services:identity:http:0"] = identity.BaseAddress.ToString();
            settings["Gateway:Identity:Authority"] = identity.BaseAddress.ToString();
            settings["Gateway:Identity:RequireHttpsMetadata"] = "false";
            more?.Invoke(settings);
        }));

    private static HttpRequestMessage WithToken(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task A_person_signed_in_with_code_and_pkce_reaches_services_as_themselves_with_their_roles_scopes()
    {
        await using var identity = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await GatewayFor(identity, upstream);
        var tokens = await OidcFlow.SignInWithCodeAsync(identity.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "ada", TestPeople.Password);

        var echo = await Problems.ReadEchoAsync(await gateway.Client.SendAsync(WithToken(HttpMethod.Get, "/api/v1/tickets", tokens.AccessToken), Cancel));
        Assert.Equal(OidcFlow.Payload(tokens.AccessToken).GetProperty("sub").GetString(), echo.Forwarded("sub"));
        Assert.Equal(("user", "requester", "ada@example.org", "acme"), (echo.Forwarded("kind"), echo.Forwarded("role"), echo.Forwarded("email"), echo.Forwarded("org")));
        Assert.Equal("kb:read tickets:read tickets:write", echo.Forwarded("scope"));
        Assert.DoesNotContain(tokens.AccessToken, echo.Header("Authorization"), StringComparison.Ordinal);

        var admin = await gateway.Client.SendAsync(WithToken(HttpMethod.Post, "/api/v1/routing/rules", tokens.AccessToken, JsonContent.Create(new { })), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Contains("routing:admin", (await admin.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A refreshed token works the same.
        var refreshed = await OidcFlow.ReadTokensAsync(await OidcFlow.RequestRefreshAsync(identity.Client, TestPeople.WebClient, tokens.RefreshToken!));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.SendAsync(WithToken(HttpMethod.Get, "/api/v1/tickets", refreshed.AccessToken), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_machine_client_gets_exactly_the_scopes_its_token_was_granted()
    {
        await using var identity = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await GatewayFor(identity, upstream);
        var token = (await OidcFlow.ClientCredentialsAsync(identity.BaseAddress, TestPeople.MachineClient, TestPeople.MachineSecret, "tickets:read")).AccessToken;

        var echo = await Problems.ReadEchoAsync(await gateway.Client.SendAsync(WithToken(HttpMethod.Get, "/api/v1/tickets", token), Cancel));
        Assert.Equal((TestPeople.MachineClient, "client", "tickets:read"), (echo.Forwarded("sub"), echo.Forwarded("kind"), echo.Forwarded("scope")));
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.Client.SendAsync(WithToken(HttpMethod.Post, "/api/v1/tickets", token, JsonContent.Create(new { })), Cancel)).StatusCode);
    }

    [Fact]
    public async Task Expired_foreign_misaddressed_tampered_and_malformed_tokens_are_refused_with_401()
    {
        await using var identity = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await GatewayFor(identity, upstream);
        var real = (await OidcFlow.ClientCredentialsAsync(identity.BaseAddress, TestPeople.MachineClient, TestPeople.MachineSecret, "tickets:read")).AccessToken;
        var issuer = OidcFlow.Payload(real).GetProperty("iss").GetString()!;
        var identityKey = new X509SecurityKey(identity.GetRequiredService<SigningKeyRing>().Signing[0]);
        using var stranger = System.Security.Cryptography.RSA.Create(2048);

        var cases = new Dictionary<string, string>
        {
            ["expired"] = Token(identityKey, issuer, "helpdesk-api", DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-5)),
            ["wrong audience"] = Token(identityKey, issuer, "another-api", DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10)),
            ["unknown issuer"] = Token(new RsaSecurityKey(stranger), "https://evil.example/", "helpdesk-api", DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10)),
            ["issuer's name, stranger's key"] = Token(new RsaSecurityKey(stranger) { KeyId = identityKey.KeyId }, issuer, "helpdesk-api", DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10)),
            ["tampered signature"] = real[..^6] + (real[^6] == 'A' ? "BBBBBB" : "AAAAAA"),
            ["tampered payload"] = Tamper(real),
            ["not a JWT"] = "opaque-token-value",
        };
        foreach (var (name, token) in cases)
        {
            var response = await gateway.Client.SendAsync(WithToken(HttpMethod.Get, "/api/v1/tickets", token), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode}");
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, upstream.Requests);

        var expired = await gateway.Client.SendAsync(WithToken(HttpMethod.Get, "/api/v1/tickets", cases["expired"]), Cancel);
        Assert.Contains("expired", (await expired.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var audience = await gateway.Client.SendAsync(WithToken(HttpMethod.Get, "/api/v1/tickets", cases["wrong audience"]), Cancel);
        Assert.Contains("audience", (await audience.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enterprise_issuer_is_accepted_by_configuration_with_its_roles_mapped()
    {
        await using var identity = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        // A second, independent OpenID Connect provider stands in for the enterprise's (Entra ID, Keycloak, Okta…).
        await using var corporate = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await GatewayFor(identity, upstream, settings =>
        {
            settings["Gateway:ExternalIssuers:0:Name"] = "corp";
            settings["Gateway:ExternalIssuers:0:Authority"] = corporate.BaseAddress.ToString();
            settings["Gateway:ExternalIssuers:0:Audience"] = "helpdesk-api";
            settings["Gateway:ExternalIssuers:0:RequireHttpsMetadata"] = "false";
            settings["Gateway:ExternalIssuers:0:RoleClaim"] = "role";
            settings["Gateway:ExternalIssuers:0:RoleMap:admin"] = "agent";
            settings["Gateway:ExternalIssuers:0:DefaultRoles:0"] = "requester";
        });
        var tokens = await OidcFlow.SignInWithCodeAsync(corporate.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "root", TestPeople.Password);

        var echo = await Problems.ReadEchoAsync(await gateway.Client.SendAsync(WithToken(HttpMethod.Get, "/api/v1/routing/rules", tokens.AccessToken), Cancel));
        Assert.Equal("corp:" + OidcFlow.Payload(tokens.AccessToken).GetProperty("sub").GetString(), echo.Forwarded("sub"));
        Assert.Equal(("agent requester", "corp", "root@example.org"), (echo.Forwarded("role"), echo.Forwarded("origin"), echo.Forwarded("email")));
        // The enterprise's "admin" maps to agent here: no administration through the gateway.
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.Client.SendAsync(WithToken(HttpMethod.Post, "/api/v1/routing/rules", tokens.AccessToken, JsonContent.Create(new { })), Cancel)).StatusCode);
    }

    private static string Token(SecurityKey key, string issuer, string audience, DateTime issuedAt, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", "forged"), new Claim("role", "admin"), new Claim("kind", "user")]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>Makes the token claim the admin role without re-signing it.</summary>
    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(OidcFlow.Base64UrlDecode(parts[1])).Replace("\"kind\":\"client\"", "\"kind\":\"client\",\"role\":\"admin\"", StringComparison.Ordinal);
        return $"{parts[0]}.{OidcFlow.Base64Url(System.Text.Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }
}
