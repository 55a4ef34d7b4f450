using System.Text.Json;
using HelpDesk.AppHost.Kubernetes;
using HelpDesk.Gateway;
using HelpDesk.Messaging;

namespace HelpDesk.AppHost.Tests.Kubernetes;

/// <summary>The AppHost's application model is only worth publishing if it says what the services' code actually reads.</summary>
public sealed class TopologyTests
{
    private static ServiceResource Intake => PublishedManifests.Service("intake");
    private static ServiceResource Routing => PublishedManifests.Service("routing");
    private static ServiceResource KnowledgeBase => PublishedManifests.Service("kb");
    private static ServiceResource Sla => PublishedManifests.Service("sla");
    private static ServiceResource Notifications => PublishedManifests.Service("notifications");
    private static ServiceResource Gateway => PublishedManifests.Service("gateway");

    [Fact]
    public void Database_names_are_the_ones_each_service_registers()
    {
        Assert.Equal(HelpDesk.Intake.IntakeExtensions.DatabaseName, Intake.Database);
        Assert.Equal(HelpDesk.Routing.RoutingExtensions.DatabaseName, Routing.Database);
        Assert.Equal(HelpDesk.KnowledgeBase.KnowledgeBaseExtensions.DatabaseName, KnowledgeBase.Database);
        Assert.Equal(HelpDesk.Sla.SlaExtensions.DatabaseName, Sla.Database);
        Assert.Equal(HelpDesk.Notifications.NotificationsExtensions.DatabaseName, Notifications.Database);
        Assert.Equal(MessagingExtensions.ConnectionName, AppModelServices.BrokerName);
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
            // The web app's "/" route is added in code when its address is configured (WebAppRoute), not shipped in the file.
            .Append("web")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        Assert.Equal(Gateway.References.Order(StringComparer.Ordinal), hosts);
    }

    [Fact]
    public void Names_are_valid_kubernetes_names_and_references_resolve()
    {
        var names = PublishedManifests.Services.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var service in PublishedManifests.Services)
        {
            Assert.Matches("^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$", service.Name);
            Assert.All(service.References, r => Assert.Contains(r, names));
            Assert.Matches("^helpdesk/[a-z0-9.-]+$", service.ContainerRepository);
            Assert.True(service.Replicas >= 1 && service.MaxReplicas >= 1);
        }
        Assert.Equal([Gateway], PublishedManifests.Services.Where(s => s.Public));
    }
}
