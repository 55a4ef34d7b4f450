using System.Net;
using System.Text.Json;
using HelpDesk.Testing;
using static HelpDesk.Gateway.Tests.GatewayUnderTest;

namespace HelpDesk.Gateway.Tests;

public sealed class PipelineTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forged_identity_headers_are_stripped_and_replaced_by_the_gateways_own()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));
        var request = Request(HttpMethod.Post, "/api/v1/tickets", TestKeys.Writer, JsonContent.Create(new { subject = "x" }));
        request.Headers.Add("X-HelpDesk-Client-Id", "admin");
        request.Headers.Add("X-HelpDesk-Channel", "monitoring");
        request.Headers.Add("X-HelpDesk-Scopes", "routing:admin sla:admin");
        request.Headers.Add("x-helpdesk-client-name", "Forged");
        request.Headers.Add("X-HelpDesk-Impersonate", "someone");

        var echo = await Problems.ReadEchoAsync(await gateway.Client.SendAsync(request, Cancel));

        // The service sees only the gateway's signed token, never a client's X-HelpDesk-* header.
        Assert.Equal("portal-app", echo.Forwarded("sub"));
        Assert.Equal("Web portal", echo.Forwarded("name"));
        Assert.Equal("portal", echo.Forwarded("channel"));
        Assert.Equal("channel", echo.Forwarded("kind"));
        Assert.Equal("tickets:read tickets:write", echo.Forwarded("scope"));
        Assert.DoesNotContain(echo.Headers.Keys, k => k.StartsWith("X-HelpDesk-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Forged_identity_headers_do_not_reach_anonymous_routes_either()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));
        var request = Request(HttpMethod.Get, "/openapi/intake.json");
        request.Headers.Add("X-HelpDesk-Client-Id", "admin");

        var response = await gateway.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Echo service", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_Retry_After_while_other_keys_are_unaffected()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));

        for (var i = 0; i < 3; i++)
        {
            var allowed = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/tickets/1", TestKeys.Limited), Cancel);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        var limited = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/tickets/1", TestKeys.Limited), Cancel);

        var problem = await Problems.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 20); // 3/min: one request every 20 s
        Assert.Contains("mail-bridge", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, upstream.Requests);

        for (var i = 0; i < 10; i++)
        {
            var other = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/tickets/1", TestKeys.Writer), Cancel);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
    }

    [Fact]
    public async Task A_body_over_the_default_limit_is_413_and_never_reaches_the_service()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings => settings["Gateway:MaxRequestBodyBytes"] = "1024"));

        var small = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", TestKeys.Writer, new ByteArrayContent(new byte[1024])), Cancel);
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        var large = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", TestKeys.Writer, new ByteArrayContent(new byte[1025])), Cancel);

        var problem = await Problems.AssertProblemAsync(large, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1024", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, upstream.Requests);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_cut_off_with_413()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings => settings["Gateway:MaxRequestBodyBytes"] = "1024"));
        var content = new StreamContent(new UnknownLengthStream(64 * 1024));

        var response = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", TestKeys.Writer, content), Cancel);

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_route_can_set_its_own_body_limit()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings =>
        {
            settings["Gateway:MaxRequestBodyBytes"] = "1024";
            settings["ReverseProxy:Routes:tickets:MaxRequestBodySize"] = "4096";
        }));

        var allowed = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", TestKeys.Writer, new ByteArrayContent(new byte[4096])), Cancel);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal(4096, (await Problems.ReadEchoAsync(allowed)).BodyLength);
        var refused = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", TestKeys.Writer, new ByteArrayContent(new byte[4097])), Cancel);
        await Problems.AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_classifier_training_route_streams_uploads_over_64_MiB_for_routing_admins_only()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));
        const int size = 80 * 1024 * 1024;

        // Chunked, so nothing can know the size in advance: the gateway must stream it through.
        var upload = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/routing/model/train", TestKeys.RoutingAdmin,
            new StreamContent(new UnknownLengthStream(size))), Cancel);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal((long)size, (await Problems.ReadEchoAsync(upload)).BodyLength);

        var notAdmin = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/routing/model/train", TestKeys.Writer, new ByteArrayContent(new byte[16])), Cancel);
        await Problems.AssertProblemAsync(notAdmin, HttpStatusCode.Forbidden);

        // Every other routing route keeps the gateway's default limit (1 MiB).
        var otherRoute = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/routing/rules", TestKeys.RoutingAdmin, new ByteArrayContent(new byte[2 * 1024 * 1024])), Cancel);
        await Problems.AssertProblemAsync(otherRoute, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(1, upstream.Requests);
    }

    [Fact]
    public async Task A_correlation_id_is_generated_when_missing_and_forwarded_and_echoed()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));

        var response = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/tickets/1", TestKeys.Writer), Cancel);

        var echoed = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.Matches("^[0-9a-f]{32}$", echoed);
        Assert.Equal(echoed, (await Problems.ReadEchoAsync(response)).Header("X-Correlation-Id"));
    }

    [Fact]
    public async Task A_well_formed_correlation_id_is_kept_and_a_malformed_one_replaced()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));
        var kept = Request(HttpMethod.Get, "/api/v1/tickets/1", TestKeys.Writer);
        kept.Headers.Add("X-Correlation-Id", "portal-7f3a:42.b_c");
        var replaced = Request(HttpMethod.Get, "/api/v1/tickets/1", TestKeys.Writer);
        replaced.Headers.TryAddWithoutValidation("X-Correlation-Id", "bad id; drop table");

        var keptResponse = await gateway.Client.SendAsync(kept, Cancel);
        var replacedResponse = await gateway.Client.SendAsync(replaced, Cancel);

        Assert.Equal("portal-7f3a:42.b_c", keptResponse.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal("portal-7f3a:42.b_c", (await Problems.ReadEchoAsync(keptResponse)).Header("X-Correlation-Id"));
        var fresh = replacedResponse.Headers.GetValues("X-Correlation-Id").Single();
        Assert.NotEqual("bad id; drop table", fresh);
        Assert.Equal(fresh, (await Problems.ReadEchoAsync(replacedResponse)).Header("X-Correlation-Id"));
    }

    [Fact]
    public async Task Gateway_errors_carry_the_correlation_id_too()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));
        var request = Request(HttpMethod.Get, "/api/v1/tickets/1");
        request.Headers.Add("X-Correlation-Id", "trace-me-401");

        var response = await gateway.Client.SendAsync(request, Cancel);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("trace-me-401", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal("trace-me-401", problem.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task An_unknown_route_is_404_problem_details()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));

        var response = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v2/nothing-here", TestKeys.Writer), Cancel);

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(0, upstream.Requests);
    }

    [Fact]
    public async Task An_unreachable_service_is_502_problem_details()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings => settings["services:intake:http:0"] = "http://127.0.0.1:1"));

        var response = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/tickets/1", TestKeys.Writer), Cancel);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Routes_from_configuration_override_the_shipped_ones_and_add_new_ones()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings =>
        {
            // Writes to tickets now need a stricter scope; a new route maps /api/v1/legacy/** onto intake.
            settings["ReverseProxy:Routes:tickets:Metadata:WriteScope"] = "tickets:admin";
            settings["ReverseProxy:Routes:legacy:ClusterId"] = "intake";
            settings["ReverseProxy:Routes:legacy:Match:Path"] = "/api/v1/legacy/{**rest}";
            settings["ReverseProxy:Routes:legacy:Metadata:Scope"] = "tickets:read";
            settings["ReverseProxy:Routes:legacy:Transforms:0:PathPattern"] = "/api/v1/tickets/{**rest}";
        }));

        var write = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", TestKeys.Writer, JsonContent.Create(new { })), Cancel);
        var problem = await Problems.AssertProblemAsync(write, HttpStatusCode.Forbidden);
        Assert.Contains("tickets:admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var legacy = await Problems.ReadEchoAsync(await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/legacy/7", TestKeys.Reader), Cancel));
        Assert.Equal("/api/v1/tickets/7", legacy.Path);
    }

    [Fact]
    public async Task A_route_without_scopes_stops_start_up()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var upstream = await EchoUpstream.StartAsync();
            await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings =>
            {
                settings["ReverseProxy:Routes:open:ClusterId"] = "intake";
                settings["ReverseProxy:Routes:open:Match:Path"] = "/open/{**rest}";
            }));
        });

        Assert.Contains("Gateway route 'open' must set Metadata", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_openapi_and_scalar_need_no_key_and_scalar_lists_every_service()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/health", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/alive", Cancel)).StatusCode);
        foreach (var service in new[] { "intake", "routing", "kb", "sla", "notifications", "identity" })
        {
            var document = await gateway.Client.GetAsync($"/openapi/{service}.json", Cancel);
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        }
        var scalar = await gateway.Client.GetStringAsync("/scalar/", Cancel);
        foreach (var service in new[] { "intake", "routing", "kb", "sla", "notifications", "identity" })
        {
            // Scalar makes the document routes relative to its own page ("/scalar/" + "../openapi/…" resolves the same).
            Assert.Contains($"\"url\":\"openapi/{service}.json\"", scalar, StringComparison.Ordinal);
        }
    }

    /// <summary>A body whose length the client cannot know up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(int length) : Stream
    {
        private int _remaining = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, _remaining);
            Array.Fill(buffer, (byte)'x', offset, n);
            _remaining -= n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
