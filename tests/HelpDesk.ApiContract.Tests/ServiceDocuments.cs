using System.Text.Json.Nodes;
using HelpDesk.Embedded;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Builder;

namespace HelpDesk.ApiContract.Tests;

/// <summary>
/// The published documents as the running services serve them (every service as the embedded host composes them, and
/// the identity service), with the server set to the gateway's documented local address so the files are stable.
/// Started once per test run.
/// </summary>
public sealed class ServiceDocuments : IAsyncLifetime
{
    public const string ServerUrl = "http://localhost:5080";

    /// <summary>Every published document, by name (= file name under docs/openapi and path at the gateway).</summary>
    public static readonly IReadOnlyList<string> Names = ["intake", "routing", "kb", "sla", "notifications", "identity"];

    private readonly TempDirectory _data = new("helpdesk-openapi");
    private WebApplication? _services;
    private WebApplication? _identity;

    public Dictionary<string, string> Json { get; } = [];

    public JsonObject Parse(string name) => JsonNode.Parse(Json[name])!.AsObject();

    public async ValueTask InitializeAsync()
    {
        string[] args = [$"--HelpDesk:OpenApi:ServerUrl={ServerUrl}", "--Logging:LogLevel:Default=Warning"];
        _services = EmbeddedPlatform.BuildLocalServices(Path.Combine(_data.Path, "services"), args);
        await _services.StartAsync();
        _identity = EmbeddedPlatform.BuildIdentity(Path.Combine(_data.Path, "identity"), new Uri(ServerUrl), args);
        await _identity.StartAsync();
        foreach (var name in Names)
        {
            var host = name == "identity" ? _identity : _services;
            using var client = new HttpClient { BaseAddress = new Uri(host.Urls.First()) };
            Json[name] = await client.GetStringAsync($"/openapi/{name}.json");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _identity, _services })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        _data.Dispose();
    }
}
