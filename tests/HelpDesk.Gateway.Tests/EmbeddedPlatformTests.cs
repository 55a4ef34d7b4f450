using System.Net;
using System.Text.Json;
using HelpDesk.Embedded;
using HelpDesk.Gateway.Security;
using HelpDesk.Testing;

namespace HelpDesk.Gateway.Tests;

/// <summary>The real platform (every service composed, in-memory bus, SQLite) behind the gateway, keys given on the command line.</summary>
public sealed class EmbeddedPlatformTests
{
    private const string PortalKey = "hdk_embedded_portal_0123456789abcdefghijklmnopqr";
    private const string ReportingKey = "hdk_embedded_report_0123456789abcdefghijklmnopqr";

    [Fact]
    public async Task A_channel_app_submits_and_reads_a_ticket_through_the_gateway_with_its_key()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var data = new TempDirectory("helpdesk-gateway-embedded");
        string[] args =
        [
            "--Gateway:ApiKeys:0:Id=portal", "--Gateway:ApiKeys:0:Channel=portal",
            "--Gateway:ApiKeys:0:Scopes:0=tickets:write", "--Gateway:ApiKeys:0:Scopes:1=tickets:read",
            $"--Gateway:ApiKeys:0:KeyHash={ApiKeyHash.Compute(PortalKey, null)}",
            "--Gateway:ApiKeys:1:Id=reporting", "--Gateway:ApiKeys:1:Channel=api",
            "--Gateway:ApiKeys:1:Scopes:0=tickets:read",
            $"--Gateway:ApiKeys:1:KeyHash={ApiKeyHash.Compute(ReportingKey, null)}",
            "--Logging:LogLevel:Default=Warning",
        ];
        await using var platform = await EmbeddedPlatform.StartAsync(data.Path, args, cancel);
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        var ticket = new { subject = "Printer on floor 3 jams", description = "Every second page jams.", requesterEmail = "grace@example.org" };

        using var anonymous = await client.PostAsJsonAsync("/api/v1/tickets", ticket, cancel);
        await Problems.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);

        using var readOnly = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(ticket) };
        readOnly.Headers.Add("X-Api-Key", ReportingKey);
        await Problems.AssertProblemAsync(await client.SendAsync(readOnly, cancel), HttpStatusCode.Forbidden);

        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(ticket) };
        submit.Headers.Add("X-Api-Key", PortalKey);
        submit.Headers.Add("X-Correlation-Id", "embedded-test-1");
        using var created = await client.SendAsync(submit, cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("embedded-test-1", created.Headers.GetValues("X-Correlation-Id").Single());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("id").GetGuid();

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tickets/{id}");
        read.Headers.Add("X-Api-Key", ReportingKey);
        using var fetched = await client.SendAsync(read, cancel);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);

        using var document = await client.GetAsync("/openapi/intake.json", cancel);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("/api/v1/tickets", await document.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
    }
}
