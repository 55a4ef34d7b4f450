using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Api;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

public sealed class PortalChoicesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static object Choice(string key, string? catalogItem = null) => new { key, label = $"Label {key}", catalogItem };

    [Fact]
    public async Task Portal_choices_come_from_configuration_in_order_and_are_replaced_through_the_api()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Routing:Catalog:0:Key"] = "software",
            ["Routing:Catalog:0:Name"] = "Standard software",
            ["Routing:Catalog:0:PreApproved"] = "true",
        };
        string[] keys = ["something-broken", "access", "software", "question"];
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Routing:Portals:employee:{i}:Key"] = keys[i];
            settings[$"Routing:Portals:employee:{i}:Label"] = $"Label {keys[i]}";
        }
        settings["Routing:Portals:employee:2:CatalogItem"] = "software";
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, settings);

        var seeded = await host.Client.GetFromJsonAsync<PortalChoicesView>("/api/v1/routing/portals/employee/choices", TestJson.Options, Cancel);
        Assert.Equal(keys, seeded!.Choices.Select(c => c.Key));
        Assert.Equal(TicketType.ServiceRequest, seeded.Choices[2].Type);
        Assert.Equal(TicketType.Incident, seeded.Choices[0].Type);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/v1/routing/portals/nowhere/choices", Cancel)).StatusCode);

        var replaced = await host.Client.PutAsJsonAsync("/api/v1/routing/portals/employee/choices",
            new[] { Choice("e"), Choice("d"), Choice("c"), Choice("b", "software"), Choice("a") }, TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var current = await host.Client.GetFromJsonAsync<PortalChoicesView>("/api/v1/routing/portals/employee/choices", TestJson.Options, Cancel);
        Assert.Equal(["e", "d", "c", "b", "a"], current!.Choices.Select(c => c.Key));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public async Task A_portal_must_offer_four_to_six_choices(int count)
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var response = await host.Client.PutAsJsonAsync("/api/v1/routing/portals/p/choices",
            Enumerable.Range(0, count).Select(i => Choice($"k{i}")).ToArray(), TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("choices", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/v1/routing/portals/p/choices", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Choices_need_labels_unique_keys_and_existing_catalogue_items()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var response = await host.Client.PutAsJsonAsync("/api/v1/routing/portals/p/choices",
            new object[] { Choice("a", "no-such-item"), new { key = "b", label = "" }, Choice("c"), Choice("c") }, TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("choices[0].catalogItem", out _));
        Assert.True(errors.TryGetProperty("choices[1].label", out _));
        Assert.Contains("unique", errors.GetProperty("choices")[0].GetString(), StringComparison.Ordinal);
    }
}
