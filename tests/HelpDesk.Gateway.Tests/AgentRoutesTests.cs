using System.Net;
using HelpDesk.Gateway.Security;
using HelpDesk.Testing;
using static HelpDesk.Gateway.Tests.GatewayUnderTest;

namespace HelpDesk.Gateway.Tests;

/// <summary>The agent operations of issue 17 need tickets:agent at the gateway; tickets:write (a requester's portal) is not enough.</summary>
public sealed class AgentRoutesTests
{
    private const string AgentKey = "hdk_test_agentws_0123456789abcdefghijklmnopqrst";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AgentOperations => new()
    {
        { "PATCH", "/api/v1/tickets/HD-000001" },
        { "PUT", "/api/v1/tickets/HD-000001/assignment" },
        { "GET", "/api/v1/tickets/HD-000001/history" },
        { "GET", "/api/v1/tickets/HD-000001/links" },
        { "POST", "/api/v1/tickets/HD-000001/links" },
        { "DELETE", "/api/v1/tickets/HD-000001/links/Related/HD-000002" },
        { "POST", "/api/v1/tickets/HD-000001/merge" },
        { "POST", "/api/v1/tickets/HD-000001/merge/undo" },
        { "POST", "/api/v1/tickets/HD-000001/macro-runs" },
        { "POST", "/api/v1/tickets/bulk" },
        { "GET", "/api/v1/macros" },
        { "PUT", "/api/v1/macros/greeting" },
        { "GET", "/api/v1/problems" },
        { "POST", "/api/v1/problems/HD-000003/resolution" },
        { "GET", "/api/v1/changes" },
        { "PUT", "/api/v1/changes/HD-000004/plan" },
        { "GET", "/api/v1/major-incidents" },
        { "POST", "/api/v1/major-incidents/0190a000-0000-7000-8000-000000000999/updates" },
    };

    [Theory]
    [MemberData(nameof(AgentOperations))]
    public async Task Agent_operations_need_tickets_agent(string method, string path)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings =>
        {
            settings["Gateway:ApiKeys:9:Id"] = "agent-workspace";
            settings["Gateway:ApiKeys:9:Channel"] = "api";
            settings["Gateway:ApiKeys:9:KeyHash"] = ApiKeyHash.Compute(AgentKey, pepper: null).ToString();
            settings["Gateway:ApiKeys:9:Scopes:0"] = "tickets:agent";
        }));

        var portal = await gateway.Client.SendAsync(Request(new HttpMethod(method), path, TestKeys.Writer), Cancel);
        var problem = await Problems.AssertProblemAsync(portal, HttpStatusCode.Forbidden);
        Assert.Contains("tickets:agent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var agent = await gateway.Client.SendAsync(Request(new HttpMethod(method), path, AgentKey), Cancel);
        Assert.True(agent.IsSuccessStatusCode, $"{agent.StatusCode}");
        var echo = await Problems.ReadEchoAsync(agent);
        Assert.Equal("tickets:agent", echo.Forwarded("scope"));
    }

    [Fact]
    public async Task Reading_and_submitting_tickets_still_need_only_the_ticket_scopes()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));
        Assert.True((await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/v1/tickets/HD-000001", TestKeys.Reader), Cancel)).IsSuccessStatusCode);
        Assert.True((await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets/HD-000001/comments", TestKeys.Writer), Cancel)).IsSuccessStatusCode);
    }
}
