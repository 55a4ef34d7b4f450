using System.Net;
using System.Text.Json;
using HelpDesk.Identity.Infrastructure;
using HelpDesk.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpDesk.Identity.Tests;

/// <summary>The identity service's OpenID Connect flows, driven over real HTTP against the running service.</summary>
public sealed class OidcFlowTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Code_flow_with_pkce_signs_a_person_in_and_their_token_carries_roles_organisation_and_manager()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        var tokens = await OidcFlow.SignInWithCodeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "ada", TestPeople.Password);

        var claims = await VerifyAsync(host, tokens.AccessToken);
        Assert.Equal("requester", Assert.Single(claims.GetProperty("role").ValueKind == JsonValueKind.Array
            ? claims.GetProperty("role").EnumerateArray().Select(e => e.GetString()) : [claims.GetProperty("role").GetString()]));
        Assert.Equal("acme", claims.GetProperty("org").GetString());
        Assert.Equal("ada@example.org", claims.GetProperty("email").GetString());
        Assert.Equal("helpdesk-api", claims.GetProperty("aud").GetString());
        Assert.Equal("user", claims.GetProperty("kind").GetString());
        var alan = await UserIdAsync(host, "alan");
        Assert.Equal(alan, claims.GetProperty("manager").GetString());

        Assert.NotNull(tokens.IdToken);
        Assert.NotNull(tokens.RefreshToken);
        var idToken = OidcFlow.Payload(tokens.IdToken!);
        Assert.Equal(TestPeople.WebClient, idToken.GetProperty("aud").GetString());
        Assert.Equal(claims.GetProperty("sub").GetString(), idToken.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task The_code_is_bound_to_the_pkce_verifier_and_can_be_redeemed_once()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        var (code, verifier) = await OidcFlow.AuthorizeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "ada", TestPeople.Password, "openid");

        var wrongVerifier = await Exchange(host, code, OidcFlow.Base64Url(new byte[32]));
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);
        Assert.Contains("invalid_grant", await wrongVerifier.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var redeemed = await Exchange(host, code, verifier);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        var replay = await Exchange(host, code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("invalid_grant", await replay.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_without_pkce_is_refused()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var response = await http.GetAsync(
            $"/connect/authorize?response_type=code&client_id={TestPeople.WebClient}&redirect_uri={Uri.EscapeDataString(TestPeople.WebRedirect.ToString())}&scope=openid",
            Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_rolls_the_refresh_token_and_a_redeemed_one_is_refused()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service, new Dictionary<string, string?> { ["Identity:RefreshTokenReuseLeeway"] = "00:00:00" });
        var tokens = await OidcFlow.SignInWithCodeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "grace", TestPeople.Password);

        var refreshed = await OidcFlow.ReadTokensAsync(await OidcFlow.RequestRefreshAsync(host.Client, TestPeople.WebClient, tokens.RefreshToken!));
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        var claims = await VerifyAsync(host, refreshed.AccessToken);
        Assert.Contains("agent", Roles(claims));

        var replay = await OidcFlow.RequestRefreshAsync(host.Client, TestPeople.WebClient, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("invalid_grant", await replay.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_reads_the_directory_again_so_a_deactivated_person_gets_nothing()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        var tokens = await OidcFlow.SignInWithCodeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "bob", TestPeople.Password);
        await host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<IdentityServiceDbContext>();
            var bob = db.Users.Single(u => u.UserName == "bob");
            bob.Active = false;
            return await db.SaveChangesAsync(Cancel);
        });

        var refresh = await OidcFlow.RequestRefreshAsync(host.Client, TestPeople.WebClient, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Contains("invalid_grant", await refresh.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_credentials_gives_a_machine_token_with_only_permitted_scopes()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        var tokens = await OidcFlow.ClientCredentialsAsync(host.BaseAddress, TestPeople.MachineClient, TestPeople.MachineSecret, "tickets:read");
        var claims = await VerifyAsync(host, tokens.AccessToken);
        Assert.Equal(TestPeople.MachineClient, claims.GetProperty("sub").GetString());
        Assert.Equal("client", claims.GetProperty("kind").GetString());
        Assert.Equal("tickets:read", claims.GetProperty("scope").GetString());
        Assert.Null(tokens.RefreshToken);

        var notPermitted = await OidcFlow.RequestClientCredentialsAsync(host.Client, TestPeople.MachineClient, TestPeople.MachineSecret, "routing:admin");
        Assert.Equal(HttpStatusCode.BadRequest, notPermitted.StatusCode);
        var refusal = await notPermitted.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(refusal.GetProperty("error").GetString() is "invalid_request" or "invalid_scope", refusal.ToString());
        Assert.False(refusal.TryGetProperty("access_token", out _));

        var wrongSecret = await OidcFlow.RequestClientCredentialsAsync(host.Client, TestPeople.MachineClient, "not-the-secret", "tickets:read");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Contains("invalid_client", await wrongSecret.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service, new Dictionary<string, string?> { ["Identity:Lockout:MaxFailedAttempts"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            var wrong = await Assert.ThrowsAsync<SignInRefusedException>(() =>
                OidcFlow.AuthorizeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "carol", "wrong-password-123", "openid"));
            Assert.Equal(i < 2 ? HttpStatusCode.Unauthorized : (HttpStatusCode)423, wrong.Status);
        }
        var locked = await Assert.ThrowsAsync<SignInRefusedException>(() =>
            OidcFlow.AuthorizeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "carol", TestPeople.Password, "openid"));
        Assert.Equal((HttpStatusCode)423, locked.Status);

        // An unknown account is answered exactly like a wrong password.
        var unknown = await Assert.ThrowsAsync<SignInRefusedException>(() =>
            OidcFlow.AuthorizeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "nobody", TestPeople.Password, "openid"));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
    }

    [Fact]
    public async Task The_sign_in_form_never_redirects_off_site()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var page = await browser.GetStringAsync("/account/login?returnUrl=//evil.example/steal", Cancel);
        var form = OidcFlow.HiddenFields(page);
        Assert.Equal("/", form["ReturnUrl"]);
        form["ReturnUrl"] = "https://evil.example/steal";
        form["UserName"] = "ada";
        form["Password"] = TestPeople.Password;
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(form), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());

        // Without the anti-forgery token the form is refused.
        form.Remove(form.Keys.First(k => k.StartsWith("__RequestVerificationToken", StringComparison.Ordinal)));
        var forged = await browser.PostAsync("/account/login", new FormUrlEncodedContent(form), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Userinfo_answers_for_a_valid_access_token_only()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        var tokens = await OidcFlow.SignInWithCodeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "alan", TestPeople.Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);
        var info = await (await host.Client.SendAsync(request, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("alan@example.org", info.GetProperty("email").GetString());
        Assert.Contains("cab", info.GetProperty("group").EnumerateArray().Select(e => e.GetString()));

        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(anonymous, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Key_rollover_publishes_the_new_key_signs_with_it_and_still_accepts_tokens_of_the_old_one()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        var before = await OidcFlow.ClientCredentialsAsync(host.BaseAddress, TestPeople.MachineClient, TestPeople.MachineSecret, "tickets:read");
        var oldKid = OidcFlow.Header(before.AccessToken).GetProperty("kid").GetString();
        Assert.Single(await KeyIdsAsync(host));

        await host.GetRequiredService<KeyRotation>().RotateNowAsync(Cancel);

        var kids = await KeyIdsAsync(host);
        Assert.Equal(2, kids.Count);
        Assert.Contains(oldKid, kids);
        var after = await OidcFlow.ClientCredentialsAsync(host.BaseAddress, TestPeople.MachineClient, TestPeople.MachineSecret, "tickets:read");
        var newKid = OidcFlow.Header(after.AccessToken).GetProperty("kid").GetString();
        Assert.NotEqual(oldKid, newKid);
        await VerifyAsync(host, before.AccessToken);
        await VerifyAsync(host, after.AccessToken);

        // A refresh token issued before the rotation still works (the old encryption key is kept).
        var person = await OidcFlow.SignInWithCodeAsync(host.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "grace", TestPeople.Password);
        await host.GetRequiredService<KeyRotation>().RotateNowAsync(Cancel);
        await OidcFlow.ReadTokensAsync(await OidcFlow.RequestRefreshAsync(host.Client, TestPeople.WebClient, person.RefreshToken!));
    }

    [Fact]
    public async Task Keys_survive_a_restart_and_a_second_replica_uses_the_same_ones()
    {
        using var data = new TempDirectory("identity-keys");
        string firstKid;
        string token;
        var sameIssuer = new Dictionary<string, string?> { ["Identity:Issuer"] = "http://identity.test/" };
        await using (var first = await ServiceTestHost.StartAsync(IdentityUnderTest.Service, sameIssuer, data.Path))
        {
            token = (await OidcFlow.ClientCredentialsAsync(first.BaseAddress, TestPeople.MachineClient, TestPeople.MachineSecret, "tickets:read")).AccessToken;
            firstKid = Assert.Single(await KeyIdsAsync(first))!;
        }
        await using var second = await ServiceTestHost.StartAsync(IdentityUnderTest.Service, sameIssuer, data.Path);
        Assert.Equal(firstKid, Assert.Single(await KeyIdsAsync(second)));
        await VerifyAsync(second, token);
    }

    private static async Task<HttpResponseMessage> Exchange(ServiceTestHost host, string code, string verifier) =>
        await host.Client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["client_id"] = TestPeople.WebClient,
            ["redirect_uri"] = TestPeople.WebRedirect.ToString(),
        }), Cancel);

    private static IEnumerable<string?> Roles(JsonElement claims) =>
        claims.GetProperty("role").ValueKind == JsonValueKind.Array
            ? claims.GetProperty("role").EnumerateArray().Select(e => e.GetString())
            : [claims.GetProperty("role").GetString()];

    private static async Task<List<string?>> KeyIdsAsync(ServiceTestHost host)
    {
        var jwks = await host.Client.GetFromJsonAsync<JsonElement>("/.well-known/jwks", Cancel);
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString())];
    }

    /// <summary>Verifies a token the way a relying party does: keys from the published JWKS, issuer from discovery.</summary>
    private static async Task<JsonElement> VerifyAsync(ServiceTestHost host, string token)
    {
        var discovery = await host.Client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Cancel);
        // The JWKS from this host (its discovery document may name a public issuer URL that is not reachable here).
        var jwks = new JsonWebKeySet(await host.Client.GetStringAsync("/.well-known/jwks", Cancel));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = "helpdesk-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return OidcFlow.Payload(token);
    }

    private static Task<string> UserIdAsync(ServiceTestHost host, string userName) =>
        host.InScopeAsync(services => Task.FromResult(services.GetRequiredService<IdentityServiceDbContext>().Users.Single(u => u.UserName == userName).Id));
}
