using HelpDesk.LocalServers;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.AppHost.Tests;

/// <summary>
/// The demo's Routing agents and the demo people stay in step: an agent sees the tickets of the queues their identity
/// groups name, so a person Routing assigns tickets to must have those queues as groups, and every queue the demo
/// staffs must be visible to someone who can sign in.
/// </summary>
public sealed class DemoAgentsTests
{
    [Fact]
    public void Demo_people_who_are_routing_agents_have_their_routing_queues_as_groups()
    {
        var signedIn = DemoPeople.All.Where(p => p.Roles.Contains(HelpDeskRoles.Agent)).ToDictionary(p => p.UserName, StringComparer.Ordinal);
        var staffed = DemoAgents.All.Where(a => signedIn.ContainsKey(a.Id)).ToList();

        Assert.NotEmpty(staffed);
        Assert.All(staffed, agent => Assert.Empty(agent.Queues.Except(signedIn[agent.Id].Groups, StringComparer.Ordinal)));
        Assert.All(DemoAgents.Queues, queue => Assert.Contains(signedIn.Values, person => person.Groups.Contains(queue, StringComparer.Ordinal)));
    }
}
