using System.Net;
using System.Net.Http.Headers;
using HelpDesk.Embedded;
using HelpDesk.Testing;
using Yarp.ReverseProxy.Configuration;

namespace HelpDesk.Gateway.Tests;

/// <summary>
/// Every route of the gateway's route table × every kind of caller → the expected status, with real tokens from a
/// running identity service; and every protected route called directly on the services, bypassing the gateway → 401.
/// A route added without a row here fails the test.
/// </summary>
public sealed class RouteMatrixTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] Callers = ["anonymous", "requester", "agent", "approver", "lead", "editor+agent", "admin", "machine"];

    /// <summary>route → method → expected status per caller, in the order of <see cref="Callers"/>.</summary>
    private static readonly Dictionary<string, Dictionary<string, int[]>> Expected = new()
    {
        ["tickets"] = new() { ["GET"] = [401, 200, 200, 200, 200, 200, 200, 200], ["POST"] = [401, 200, 200, 403, 403, 200, 200, 200] },
        // Agent operations (edit, assignment, history, links, merge, macros, bulk, problems, major incidents): tickets:agent.
        ["tickets-edit"] = new() { ["PATCH"] = AgentOnly },
        ["tickets-assignment"] = AgentOperations(),
        ["tickets-history"] = AgentOperations(),
        ["tickets-links"] = AgentOperations(),
        ["tickets-merge"] = AgentOperations(),
        ["tickets-macro-runs"] = AgentOperations(),
        ["tickets-bulk"] = AgentOperations(),
        ["macros"] = AgentOperations(),
        ["problems"] = AgentOperations(),
        ["changes"] = AgentOperations(),
        ["major-incidents"] = AgentOperations(),
        // The lead's ticket reports (intake): reports:read, leads and admins.
        ["reports"] = new() { ["GET"] = [401, 403, 403, 403, 200, 403, 200, 403] },
        ["kb-search"] = new() { ["GET"] = [401, 200, 200, 200, 200, 200, 200, 403], ["POST"] = [401, 200, 200, 200, 200, 200, 200, 403] },
        ["kb-suggest"] = new() { ["POST"] = [401, 200, 200, 200, 200, 200, 200, 403] },
        ["kb-feedback"] = new() { ["POST"] = [401, 200, 200, 200, 200, 200, 200, 403] },
        ["kb-search-clicks"] = new() { ["POST"] = [401, 200, 200, 200, 200, 200, 200, 403] },
        ["kb"] = new() { ["GET"] = [401, 200, 200, 200, 200, 200, 200, 403], ["POST"] = [401, 403, 403, 403, 403, 200, 200, 403] },
        ["routing"] = new() { ["GET"] = [401, 403, 200, 200, 200, 200, 200, 403], ["POST"] = [401, 403, 403, 403, 403, 403, 200, 403] },
        ["routing-model-train"] = new() { ["POST"] = [401, 403, 403, 403, 403, 403, 200, 403] },
        // Agents correct the category routing chose (a labelled example for training): tickets:agent, not routing:admin.
        ["routing-corrections"] = new() { ["PUT"] = AgentOnly },
        // The catalogue: catalog:write or routing:admin to write (a catalogue manager holds only the first, see below).
        ["routing-catalog"] = new() { ["GET"] = [401, 403, 200, 200, 200, 200, 200, 403], ["POST"] = [401, 403, 403, 403, 403, 403, 200, 403], ["DELETE"] = [401, 403, 403, 403, 403, 403, 200, 403] },
        ["routing-approval-links"] = Open("GET", "POST"),
        ["routing-tasks"] = AgentOperations(),
        ["routing-catalog-forms"] = new() { ["GET"] = [401, 200, 200, 200, 200, 200, 200, 200] },
        ["routing-reports"] = new() { ["GET"] = [401, 403, 200, 200, 200, 200, 200, 403] },
        ["routing-approvals"] = new() { ["GET"] = [401, 403, 200, 200, 200, 200, 200, 403], ["POST"] = [401, 403, 403, 200, 403, 403, 200, 403] },
        ["sla"] = new() { ["GET"] = [401, 403, 200, 403, 200, 200, 200, 403], ["POST"] = [401, 403, 403, 403, 403, 403, 200, 403] },
        ["notifications"] = new() { ["GET"] = [401, 403, 200, 403, 200, 200, 200, 403], ["POST"] = [401, 403, 403, 403, 403, 403, 200, 403] },
        // "Who am I": any verified caller, whatever its scopes.
        ["identity-me"] = new() { ["GET"] = [401, 200, 200, 200, 200, 200, 200, 200] },
        ["identity-api"] = new() { ["GET"] = [401, 403, 403, 403, 200, 403, 200, 403], ["POST"] = [401, 403, 403, 403, 403, 403, 200, 403] },
        ["openapi-intake"] = Open("GET"),
        ["openapi-kb"] = Open("GET"),
        ["openapi-routing"] = Open("GET"),
        ["openapi-sla"] = Open("GET"),
        ["openapi-notifications"] = Open("GET"),
        ["openapi-identity"] = Open("GET"),
        ["identity-connect"] = Open("GET", "POST"),
        ["identity-discovery"] = Open("GET"),
        ["identity-account"] = Open("GET", "POST"),
    };

    private static int[] AgentOnly => [401, 403, 200, 403, 403, 200, 200, 403];

    private static Dictionary<string, int[]> AgentOperations() => new() { ["GET"] = AgentOnly, ["POST"] = AgentOnly };

    private static Dictionary<string, int[]> Open(params string[] methods) => methods.ToDictionary(m => m, _ => Enumerable.Repeat(200, Callers.Length).ToArray());

    [Fact]
    public Task Every_route_answers_every_kind_of_caller_as_the_matrix_says() => BehindIdentityAsync(async (identity, gateway) =>
    {
        var tokens = await TokensAsync(identity);

        var routes = gateway.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;
        var unruled = routes.Select(r => r.RouteId).Where(id => !Expected.ContainsKey(id)).ToList();
        Assert.True(unruled.Count == 0, $"Routes without a rule in the matrix: {string.Join(", ", unruled)}. Add a row to RouteMatrixTests.Expected.");
        Assert.Empty(Expected.Keys.Except(routes.Select(r => r.RouteId)));

        var failures = new List<string>();
        foreach (var route in routes)
        {
            var path = SamplePath(route);
            foreach (var (method, statuses) in Expected[route.RouteId])
            {
                for (var i = 0; i < Callers.Length; i++)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
                    if (tokens[i] is { } token)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }
                    var status = (int)(await gateway.Client.SendAsync(request, Cancel)).StatusCode;
                    // 200 in the table means "reached the service" (the echo upstream answers 200 or 201).
                    if (statuses[i] == 200 ? status is < 200 or > 299 : status != statuses[i])
                    {
                        failures.Add($"{route.RouteId} {method} {path} as {Callers[i]}: expected {statuses[i]}, got {status}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    });

    [Fact]
    public async Task Every_protected_route_called_directly_on_the_services_gets_401()
    {
        using var data = new TempDirectory("matrix-direct");
        await using var services = EmbeddedPlatform.BuildLocalServices(data.Path, []);
        await services.StartAsync(Cancel);
        await using var identity = EmbeddedPlatform.BuildIdentity(data.Path, new Uri("http://localhost/"), []);
        await identity.StartAsync(Cancel);
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream));
        var routes = gateway.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;

        using var direct = new HttpClient();
        var failures = new List<string>();
        foreach (var route in routes.Where(r => r.Metadata?.GetValueOrDefault("Anonymous") != "true"))
        {
            var baseUrl = route.ClusterId == "identity" ? identity.Urls.First() : services.Urls.First();
            foreach (var method in Expected[route.RouteId].Keys)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), baseUrl + SamplePath(route)) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
                // Even the identity headers the gateway used to send are worth nothing.
                request.Headers.Add("X-HelpDesk-Client-Id", "admin");
                request.Headers.Add("X-HelpDesk-Scopes", string.Join(' ', ServiceDefaults.Http.HelpDeskScopes.All));
                var status = (int)(await direct.SendAsync(request, Cancel)).StatusCode;
                if (status != 401)
                {
                    failures.Add($"{route.RouteId} {method} {SamplePath(route)} direct: expected 401, got {status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync(services.Urls.First() + "/alive", Cancel)).StatusCode);
    }

    [Fact]
    public Task A_catalogue_manager_writes_the_catalogue_and_nothing_else_of_routing() => BehindIdentityAsync(async (identity, gateway) =>
    {
        var token = (await OidcFlow.SignInWithCodeAsync(identity.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, "frances", TestPeople.Password, "openid")).AccessToken;

        (string Method, string Path, int Expected)[] calls =
        [
            ("GET", "/api/v1/routing/catalog", 200),
            ("POST", "/api/v1/routing/catalog/monitor/versions", 200),
            ("DELETE", "/api/v1/routing/catalog/monitor", 200),
            ("GET", "/api/v1/routing/queues", 200),
            ("PUT", "/api/v1/routing/queues/hardware", 403),
            ("POST", "/api/v1/routing/rules", 403),
            ("PUT", "/api/v1/routing/portals/employee/choices", 403),
            ("PUT", "/api/v1/routing/agents/someone", 403),
            ("POST", "/api/v1/routing/approvals/" + Guid.NewGuid() + "/approve", 403),
            ("PUT", "/api/v1/sla/policies/p1", 403),
            ("POST", "/api/v1/tickets", 200),
        ];
        var failures = new List<string>();
        foreach (var (method, path, expected) in calls)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var status = (int)(await gateway.Client.SendAsync(request, Cancel)).StatusCode;
            if (expected == 200 ? status is < 200 or > 299 : status != expected)
            {
                failures.Add($"{method} {path} as a catalogue manager: expected {expected}, got {status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    });

    /// <summary>A running identity service and a gateway that accepts its tokens, in front of an echo upstream.</summary>
    private static async Task BehindIdentityAsync(Func<ServiceTestHost, ServiceTestHost, Task> test)
    {
        await using var identity = await ServiceTestHost.StartAsync(IdentityUnderTest.Service);
        await using var upstream = await EchoUpstream.StartAsync();
        await using var gateway = await ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream, settings =>
        {
            settings["Gateway:Identity:Authority"] = identity.BaseAddress.ToString();
            settings["Gateway:Identity:MetadataAddress"] = new Uri(identity.BaseAddress, ".well-known/openid-configuration").ToString();
            settings["Gateway:Identity:RequireHttpsMetadata"] = "false";
        }));
        await test(identity, gateway);
    }

    /// <summary>A path the route matches: catch-alls get a segment, parameters a value.</summary>
    private static string SamplePath(RouteConfig route) =>
        System.Text.RegularExpressions.Regex.Replace(
            route.Match.Path!.Replace("{**rest}", "probe", StringComparison.Ordinal).Replace("{idOrNumber}", "HD-000001", StringComparison.Ordinal),
            @"\{[A-Za-z]+\}", _ => Guid.NewGuid().ToString());

    /// <summary>A real access token per caller (null for anonymous), from sign-ins and a client-credentials grant.</summary>
    private static async Task<string?[]> TokensAsync(ServiceTestHost identity)
    {
        async Task<string> Person(string user) =>
            (await OidcFlow.SignInWithCodeAsync(identity.BaseAddress, TestPeople.WebClient, TestPeople.WebRedirect, user, TestPeople.Password, "openid")).AccessToken;
        return
        [
            null,
            await Person("ada"),
            await Person("grace"),
            await Person("alan"),
            await Person("margaret"),
            await Person("kate"),
            await Person("root"),
            (await OidcFlow.ClientCredentialsAsync(identity.BaseAddress, TestPeople.MachineClient, TestPeople.MachineSecret, "tickets:read tickets:write")).AccessToken,
        ];
    }
}
