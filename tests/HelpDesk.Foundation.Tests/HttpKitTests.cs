using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Foundation.Tests;

/// <summary>The HTTP kit of ServiceDefaults over real HTTP: caller identity, scope and role requirements, validation problems.</summary>
public sealed class HttpKitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record CallerView(string Id, string? Name, string? Channel, string[] Scopes, string[] Roles, bool IsIdentified);

    public sealed record Input(string? Name, int? Count);

    /// <summary>The kit's endpoints behind service authentication (as every service has them), unless <paramref name="add"/> replaces the resolver.</summary>
    private static Task<ServiceTestHost> StartAsync(Action<WebApplicationBuilder>? add = null) =>
        ServiceTestHost.StartAsync(new TestedService(
            "http-kit",
            builder =>
            {
                if (add is null)
                {
                    builder.AddServiceAuthentication();
                }
                add?.Invoke(builder);
            },
            app =>
            {
                app.MapGet("/whoami", (Caller caller) => TypedResults.Ok(View(caller)));
                var strict = app.MapGroup("/strict").RequireScopes(read: "things:read", write: "things:write");
                strict.MapGet("/", () => TypedResults.Ok("read"));
                strict.MapPost("/", () => TypedResults.Ok("written"));
                app.MapPost("/any", () => TypedResults.Ok("ok")).RequireAnyScope(["things:write", "things:admin"]);
                app.MapGet("/agents", () => TypedResults.Ok("ok")).RequireRole("agent", "lead");
                app.MapPost("/validate", (Input input) =>
                {
                    var validation = new Validation()
                        .Required(input.Name, "name", maxLength: 5)
                        .Range(input.Count, "count", 1, 10)
                        .When(input.Count == 7, "count", "Seven is unlucky.");
                    return validation.IsValid ? Results.Ok() : validation.Problem();
                });
            })
        { UsesBus = false });

    private static CallerView View(Caller caller) =>
        new(caller.Id, caller.Name, caller.Channel, [.. caller.Scopes.Order(StringComparer.Ordinal)], [.. caller.Roles], caller.IsIdentified);

    /// <summary>A request carrying a verified service token for a channel app with these scopes (none: no token at all).</summary>
    private static HttpRequestMessage Request(HttpMethod method, string path, string? clientId = null, string? scopes = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return clientId is null ? request : request.As(TestCallers.Channel(clientId, "api", (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task The_caller_is_what_the_verified_service_token_says_and_a_call_without_one_gets_401()
    {
        await using var host = await StartAsync();

        using var identified = Request(HttpMethod.Get, "/whoami").As(TestCallers.Channel("portal-key", "portal", ["tickets:read", "kb:read"], "Self-service portal"));
        var caller = await (await host.Client.SendAsync(identified, Ct)).Content.ReadFromJsonAsync<CallerView>(Ct);
        Assert.Equivalent(new CallerView("portal-key", "Self-service portal", "portal", ["kb:read", "tickets:read"], [], true), caller);

        // A direct call (no token) gets nothing, whatever identity headers it carries: the gateway's old headers, or a
        // scopes header that once meant "the gateway vouched for this".
        await ProblemAsync(await host.Anonymous.GetAsync("/whoami", Ct), HttpStatusCode.Unauthorized);
        using var headers = new HttpRequestMessage(HttpMethod.Post, "/strict");
        headers.Headers.Add("X-HelpDesk-Client-Id", "admin");
        headers.Headers.Add("X-HelpDesk-Client-Name", "alice");
        headers.Headers.Add("X-HelpDesk-Scopes", "things:read things:write");
        await ProblemAsync(await host.Anonymous.SendAsync(headers, Ct), HttpStatusCode.Unauthorized);
        using var forged = Request(HttpMethod.Post, "/strict");
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            ServiceTokens.Create(ServiceTokens.LoadKey(ServiceTokens.NewKeyPair().PrivateKeyPem), ServiceTokens.ClaimsOf(TestCallers.Platform), TimeSpan.FromMinutes(2)));
        await ProblemAsync(await host.Anonymous.SendAsync(forged, Ct), HttpStatusCode.Unauthorized);

        // Without the service authentication (a host that forgot it), nothing vouches for the request: no scope, no role.
        Assert.False(new ServiceTokenCallerResolver().Resolve(new DefaultHttpContext()).IsIdentified);
        Assert.False(new CallerRequirement(["things:read"], []).IsMetBy(Caller.Unidentified));
    }

    [Fact]
    public async Task Scope_requirements_pick_the_scope_by_method_and_refuse_with_a_problem_naming_it()
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(Request(HttpMethod.Get, "/strict", "k", "things:read"), Ct)).StatusCode);
        var readerWrites = await ProblemAsync(await host.Client.SendAsync(Request(HttpMethod.Post, "/strict", "k", "things:read"), Ct), HttpStatusCode.Forbidden);
        Assert.Equal("Missing scope", readerWrites.GetProperty("title").GetString());
        Assert.Contains("'k' lacks the scope 'things:write'", readerWrites.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(Request(HttpMethod.Post, "/strict", "k", "things:write"), Ct)).StatusCode);

        await ProblemAsync(await host.Anonymous.GetAsync("/strict", Ct), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(Request(HttpMethod.Post, "/any", "k", "things:admin"), Ct)).StatusCode);
        var neither = await ProblemAsync(await host.Client.SendAsync(Request(HttpMethod.Post, "/any", "k", "things:read"), Ct), HttpStatusCode.Forbidden);
        Assert.Contains("'things:write' (or one of 'things:admin')", neither.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requirements_are_endpoint_metadata()
    {
        await using var host = await StartAsync();
        var endpoint = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == "/strict/" && e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains("POST"));
        var requirements = endpoint.Metadata.GetOrderedMetadata<CallerRequirement>();
        Assert.Equal(
            [("things:read", RequestMethods.Reads), ("things:write", RequestMethods.Writes)],
            requirements.Select(r => (Assert.Single(r.AnyScope), r.Methods)));
    }

    [Fact]
    public async Task A_resolver_registered_after_the_defaults_decides_who_calls_and_roles_are_checked()
    {
        await using var host = await StartAsync(builder => builder.Services.AddSingleton<ICallerResolver, RoleFromQueryResolver>());

        var caller = await host.Client.GetFromJsonAsync<CallerView>("/whoami?role=agent", Ct);
        Assert.Equivalent(new CallerView("token-subject", null, null, [], ["agent"], true), caller);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/agents?role=lead", Ct)).StatusCode);
        var requester = await ProblemAsync(await host.Client.GetAsync("/agents?role=requester", Ct), HttpStatusCode.Forbidden);
        Assert.Equal("Missing role", requester.GetProperty("title").GetString());
        Assert.Contains("the role 'agent' (or one of 'lead')", requester.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_answers_one_problem_naming_every_bad_field()
    {
        await using var host = await StartAsync();

        var problem = await ProblemAsync(await host.Client.PostAsJsonAsync("/validate", new { name = "far too long", count = 11 }, Ct), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["'name' must be at most 5 characters."], errors.GetProperty("name").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["'count' must be from 1 to 10."], errors.GetProperty("count").EnumerateArray().Select(e => e.GetString()));

        var missing = await ProblemAsync(await host.Client.PostAsJsonAsync("/validate", new { count = 7 }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(["'name' is required."], missing.GetProperty("errors").GetProperty("name").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Seven is unlucky."], missing.GetProperty("errors").GetProperty("count").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsJsonAsync("/validate", new { name = "ok", count = 3 }, Ct)).StatusCode);
    }

    [Fact]
    public void Validation_collects_messages_per_field_and_summarises_them()
    {
        var validation = new Validation().Add("a", "first").Add("a", "second").Defined((DayOfWeek?)42, "day");
        Assert.False(validation.IsValid);
        Assert.True(validation.Has("day"));
        Assert.Equal(["first", "second"], validation.Errors["a"]);
        Assert.Equal("a: first second; day: 'day' must be one of Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday.", validation.Summary());
    }

    /// <summary>Stands in for a token-based resolver: the identity session plugs in the same way.</summary>
    private sealed class RoleFromQueryResolver : ICallerResolver
    {
        public Caller Resolve(HttpContext context) =>
            new("token-subject", null, null, new HashSet<string>(), new HashSet<string> { context.Request.Query["role"].ToString() });
    }
}
