using System.Text.Json;
using HelpDesk.Gateway;
using HelpDesk.Messaging;

namespace HelpDesk.AppHost.Tests.Kubernetes;

/// <summary>The topology is only worth publishing if it says what the services' code actually reads.</summary>
public sealed class TopologyTests
{
    [Fact]
    public void Database_names_are_the_ones_each_service_registers()
    {
        Assert.Equal(HelpDesk.Intake.IntakeExtensions.DatabaseName, Topology.Intake.Database);
        Assert.Equal(HelpDesk.Routing.RoutingExtensions.DatabaseName, Topology.Routing.Database);
        Assert.Equal(HelpDesk.KnowledgeBase.KnowledgeBaseExtensions.DatabaseName, Topology.KnowledgeBase.Database);
        Assert.Equal(HelpDesk.Sla.SlaExtensions.DatabaseName, Topology.Sla.Database);
        Assert.Equal(HelpDesk.Notifications.NotificationsExtensions.DatabaseName, Topology.Notifications.Database);
        Assert.Equal(MessagingExtensions.ConnectionName, Topology.BrokerName);
    }

    [Fact]
    public void The_gateway_references_exactly_the_services_its_routes_send_to()
    {
        using var routes = typeof(GatewayExtensions).Assembly.GetManifestResourceStream("gateway.routes.json");
        Assert.NotNull(routes);
        using var json = JsonDocument.Parse(routes);
        var hosts = json.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject()
            .SelectMany(c => c.Value.GetProperty("Destinations").EnumerateObject())
            .Select(d => new Uri(d.Value.GetProperty("Address").GetString()!).Host)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        Assert.Equal(Topology.Gateway.References.Order(StringComparer.Ordinal), hosts);
    }

    [Fact]
    public void Names_are_valid_kubernetes_names_and_references_resolve()
    {
        var names = Topology.AllServices.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var service in Topology.AllServices)
        {
            Assert.Matches("^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$", service.Name);
            Assert.All(service.References, r => Assert.Contains(r, names));
            Assert.Matches("^helpdesk/[a-z0-9.-]+$", service.ContainerRepository);
            Assert.True(service.Replicas >= 1 && service.MaxReplicas >= 1);
        }
        Assert.Equal([Topology.Gateway], Topology.AllServices.Where(s => s.Public));
    }
}
