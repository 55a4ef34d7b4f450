using System.Net;
using HelpDesk.Gateway.Security;
using HelpDesk.Testing;
using static HelpDesk.Gateway.Tests.GatewayUnderTest;

namespace HelpDesk.Gateway.Tests;

public sealed class AuthenticationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_without_a_key_is_401_with_a_challenge_and_never_reaches_the_service()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));

        var response = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/tickets/42"), Cancel);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("ApiKey realm=\"helpdesk\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("API key is required", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, upstream.Requests);
    }

    [Theory]
    [InlineData("hdk_not_a_configured_key_at_all_0123456789abcdef", "not valid")]
    [InlineData(TestKeys.Revoked, "revoked")]
    [InlineData(TestKeys.Expired, "expired")]
    public async Task An_unknown_revoked_or_expired_key_is_401(string key, string reason)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));

        var response = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", key, JsonContent.Create(new { subject = "x" })), Cancel);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_key\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, upstream.Requests);
    }

    [Fact]
    public async Task A_key_works_in_either_header_and_is_never_forwarded_to_the_service()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));

        var viaAuthorization = await Problems.ReadEchoAsync(
            await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/tickets/42", TestKeys.Writer), Cancel));
        var request = Request(HttpMethod.Get, "/api/v1/tickets/42");
        request.Headers.Add("X-Api-Key", TestKeys.Writer);
        var viaHeader = await Problems.ReadEchoAsync(await gateway.Client.SendAsync(request, Cancel));

        foreach (var echo in new[] { viaAuthorization, viaHeader })
        {
            Assert.Equal("/api/v1/tickets/42", echo.Path);
            Assert.Equal("portal-app", echo.Forwarded("sub"));
            // The only Authorization the service sees is the gateway's own signed token.
            Assert.StartsWith("Bearer ", echo.Header("Authorization"), StringComparison.Ordinal);
            Assert.DoesNotContain(TestKeys.Writer, echo.Header("Authorization"), StringComparison.Ordinal);
            Assert.False(echo.HasHeader("X-Api-Key"));
        }
    }

    [Fact]
    public async Task Two_different_keys_in_one_request_are_refused()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));
        var request = Request(HttpMethod.Get, "/api/v1/tickets/42", TestKeys.Writer);
        request.Headers.Add("X-Api-Key", TestKeys.Reader);

        var response = await gateway.Client.SendAsync(request, Cancel);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("GET", "/api/v1/tickets/42", TestKeys.Writer, HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/tickets", TestKeys.Writer, HttpStatusCode.Created)]
    [InlineData("GET", "/api/v1/tickets/42", TestKeys.Reader, HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/tickets", TestKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData("PATCH", "/api/v1/tickets/42", TestKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData("DELETE", "/api/v1/tickets/42", TestKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/kb/search", TestKeys.Kb, HttpStatusCode.Created)]
    [InlineData("GET", "/api/v1/kb/articles/1", TestKeys.Kb, HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/kb/articles", TestKeys.Kb, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/kb/suggest", TestKeys.Kb, HttpStatusCode.Created)]
    [InlineData("POST", "/api/v1/kb/articles/5f0c3f4e-0000-7000-8000-000000000001/feedback", TestKeys.Kb, HttpStatusCode.Created)]
    [InlineData("POST", "/api/v1/kb/searches/5f0c3f4e-0000-7000-8000-000000000002/clicks", TestKeys.Kb, HttpStatusCode.Created)]
    [InlineData("POST", "/api/v1/kb/articles/5f0c3f4e-0000-7000-8000-000000000001/publish", TestKeys.Kb, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/kb/analytics/searches", TestKeys.Kb, HttpStatusCode.OK)]
    [InlineData("GET", "/api/v1/tickets/42", TestKeys.Kb, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/routing/queues", TestKeys.Writer, HttpStatusCode.Forbidden)]
    [InlineData("PUT", "/api/v1/sla/policies/p1", TestKeys.Writer, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/notifications/templates", TestKeys.Writer, HttpStatusCode.Forbidden)]
    public async Task Each_route_and_method_needs_its_scope(string method, string path, string key, HttpStatusCode expected)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));

        var response = await gateway.Client.SendAsync(
            Request(new HttpMethod(method), path, key, method is "GET" or "DELETE" ? null : JsonContent.Create(new { })), Cancel);

        if (expected == HttpStatusCode.Forbidden)
        {
            var problem = await Problems.AssertProblemAsync(response, expected);
            Assert.Contains("lacks the scope", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, upstream.Requests);
        }
        else
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(1, upstream.Requests);
        }
    }

    [Fact]
    public async Task With_no_key_configured_a_start_up_key_is_issued_and_anonymous_requests_are_still_refused()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, withKeys: false));
        var key = gateway.Services.GetRequiredService<ApiKeyStore>().BootstrapKey;
        Assert.NotNull(key);

        var anonymous = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", content: JsonContent.Create(new { })), Cancel);
        await Problems.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);

        var echo = await Problems.ReadEchoAsync(
            await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", key, JsonContent.Create(new { })), Cancel));
        Assert.Equal(ApiKeyStore.BootstrapKeyId, echo.Forwarded("sub"));
        Assert.Contains("tickets:write", echo.Forwarded("scope"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_access_only_when_explicitly_allowed_and_only_with_its_scopes()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings =>
        {
            settings["Gateway:AllowAnonymous"] = "true";
            settings["Gateway:AnonymousScopes:0"] = "tickets:write";
        }, withKeys: false));
        Assert.Null(gateway.Services.GetRequiredService<ApiKeyStore>().BootstrapKey);

        var echo = await Problems.ReadEchoAsync(
            await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", content: JsonContent.Create(new { })), Cancel));
        Assert.Equal(ApiKeyStore.AnonymousId, echo.Forwarded("sub"));

        var kb = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/kb/articles"), Cancel);
        await Problems.AssertProblemAsync(kb, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Peppered_hashes_verify_only_with_the_pepper()
    {
        const string key = "hdk_peppered_0123456789abcdefghijklmnopqrstuvwxyz";
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings =>
        {
            settings["Gateway:KeyPepper"] = "pepper-from-a-secret-store";
            settings["Gateway:ApiKeys:6:Id"] = "peppered";
            settings["Gateway:ApiKeys:6:Channel"] = "phone";
            settings["Gateway:ApiKeys:6:Scopes:0"] = "tickets:write";
            settings["Gateway:ApiKeys:6:KeyHash"] = ApiKeyHash.Compute(key, "pepper-from-a-secret-store").ToString();
        }));

        var echo = await Problems.ReadEchoAsync(
            await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", key, JsonContent.Create(new { })), Cancel));
        Assert.Equal("peppered", echo.Forwarded("sub"));
        Assert.Equal("phone", echo.Forwarded("channel"));
        Assert.StartsWith("hmac-sha256:", ApiKeyHash.Compute(key, "p").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_key_configuration_stops_start_up_naming_the_field()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var upstream = await EchoUpstream.StartAsync();
            await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings => settings["Gateway:ApiKeys:1:KeyHash"] = "md5:abc"));
        });

        Assert.Contains("Gateway:ApiKeys:1:KeyHash", error.ToString(), StringComparison.Ordinal);
    }
}
