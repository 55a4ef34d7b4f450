using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HelpDesk.Embedded;
using HelpDesk.Testing;

namespace HelpDesk.Gateway.Tests;

/// <summary>
/// A person's catalogue request reaches their real manager: the identity service's token names the manager, Intake
/// puts them on TicketSubmitted, Routing's RequesterManager stage seats them. Real identity service, real gateway,
/// the embedded services, real tokens from the code + PKCE flow.
/// </summary>
public sealed class ManagerApprovalTests
{
    private static readonly string[] Hardware = ["hardware"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_requesters_catalogue_request_waits_for_their_manager_from_the_token_and_moves_on_when_they_approve()
    {
        using var data = new TempDirectory("manager-approval");
        await using var identity = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        string[] args = ["--Routing:DefaultQueue=service-desk", "--HelpDesk:Outbox:PollInterval=00:00:00.200", "--Logging:LogLevel:Default=Warning"];
        await using var services = EmbeddedPlatform.BuildLocalServices(data.Path, args);
        await services.StartAsync(Cancel);
        await using var gateway = EmbeddedPlatform.BuildGateway(
            [.. args, $"--Gateway:Identity:Authority={identity.BaseAddress}", "--Gateway:Identity:RequireHttpsMetadata=false"], services.Urls.First(), data.Path);
        await gateway.StartAsync(Cancel);
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Urls.First()) };
        var (ada, alan, edith, root) = (await TokenAsync(identity, "ada"), await TokenAsync(identity, "alan"), await TokenAsync(identity, "edith"), await TokenAsync(identity, "root"));
        Assert.Equal("alan@example.org", OidcFlow.Payload(ada).GetProperty("manager_email").GetString());

        // An administrator publishes an item whose only stage is the requester's manager, and staffs its queue.
        await SendOkAsync(http, HttpMethod.Put, "/api/v1/routing/agents/hw-1", root,
            new { name = "Hardware One", email = "hw1@example.org", queues = Hardware, skills = Array.Empty<string>(), capacity = 10, onShift = true });
        await SendOkAsync(http, HttpMethod.Post, "/api/v1/routing/catalog/laptop/versions", root, new { definition = Laptop() });
        var submitted = await Eventually.GetAsync(async () =>
        {
            // Intake accepts the item once Routing's form has replicated to it.
            using var response = await http.SendAsync(Request(HttpMethod.Post, "/api/v1/tickets", ada, new
            {
                subject = "A laptop for field work", description = "Mine is eight years old.", type = "ServiceRequest",
                requester = new { email = "bob@example.org", name = "Bob" }, catalogItem = "laptop", answers = new { model = "light" },
            }), Cancel);
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<JsonElement>(Cancel) : (JsonElement?)null;
        }, what: "the request filed") ?? default;
        var id = submitted.GetProperty("id").GetGuid();
        // The requester is the signed-in person, whatever the body says.
        Assert.Equal("ada@example.org", submitted.GetProperty("requesterEmail").GetString());

        // The approval lands with alan (ada's manager in the directory), and with nobody else.
        var pending = await Eventually.GetAsync(async () =>
            (await GetJsonAsync(http, "/api/v1/routing/approvals", alan)).EnumerateArray().FirstOrDefault(a => a.GetProperty("ticketId").GetGuid() == id) is { ValueKind: JsonValueKind.Object } a ? (JsonElement?)a : null,
            what: "the approval in alan's inbox") ?? default;
        Assert.Contains("alan@example.org", pending.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain((await GetJsonAsync(http, "/api/v1/routing/approvals", edith)).EnumerateArray(), a => a.GetProperty("ticketId").GetGuid() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Request(HttpMethod.Post, $"/api/v1/routing/approvals/{id}/approve", edith, new { }), Cancel)).StatusCode);
        Assert.Equal("New", (await GetJsonAsync(http, $"/api/v1/tickets/{id}", ada)).GetProperty("status").GetString());

        await SendOkAsync(http, HttpMethod.Post, $"/api/v1/routing/approvals/{id}/approve", alan, new { reason = "Field work needs it." });
        var moved = await Eventually.GetAsync(async () =>
            await GetJsonAsync(http, $"/api/v1/tickets/{id}", ada) is var t && t.GetProperty("status").GetString() == "Assigned" ? (JsonElement?)t : null,
            what: "the request assigned after approval") ?? default;
        Assert.Equal("hardware", moved.GetProperty("queue").GetString());
    }

    private static object Laptop() => new
    {
        name = new { en = "Laptop", fr = "Portable", it = "Portatile" },
        description = new { en = "A laptop.", fr = "Un portable.", it = "Un portatile." },
        form = new
        {
            fields = new object[]
            {
                new { key = "model", type = "Choice", label = new { en = "Model", fr = "Modèle", it = "Modello" }, required = true,
                    options = new[] { new { value = "light", label = new { en = "Light", fr = "Léger", it = "Leggero" } } } },
            },
        },
        approval = new { preApproved = false, stages = new[] { new { name = "manager", mode = "AnyOf", approvers = new[] { new { kind = "RequesterManager" } } } } },
        fulfilment = new { tasks = Array.Empty<object>() },
        fulfilmentQueue = "hardware",
        kbArticles = Array.Empty<string>(),
        owner = "it-hardware-lead",
        keywords = new[] { "laptop" },
    };

    private static async Task<string> TokenAsync(ServiceTestHost identity, string user) =>
        (await OidcFlow.SignInWithCodeAsync(identity.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, user, TestPeople.Password)).AccessToken;

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: TestJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task SendOkAsync(HttpClient http, HttpMethod method, string path, string token, object body)
    {
        using var response = await http.SendAsync(Request(method, path, token, body), Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, string token)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, path, token), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
