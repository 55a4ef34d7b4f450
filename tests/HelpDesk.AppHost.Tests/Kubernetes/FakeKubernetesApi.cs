using System.Collections.Concurrent;
using System.Reflection;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HelpDesk.AppHost.Tests.Kubernetes;

/// <summary>
/// The part of a Kubernetes API server that `kubectl apply --dry-run=client` talks to: discovery of the kinds
/// HelpDesk publishes (from the KubernetesClient models' own metadata) and "not found" for every object, so kubectl
/// resolves each manifest's kind and reports it as created. Anything that would write is refused and recorded.
/// kubectl cannot dry-run without a server (it needs the REST mapping); there is no cluster on this machine.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private static readonly Type[] Kinds =
    [
        typeof(V1Namespace), typeof(V1ConfigMap), typeof(V1Secret), typeof(V1Service), typeof(V1Deployment),
        typeof(V1PodDisruptionBudget), typeof(V2HorizontalPodAutoscaler), typeof(V1NetworkPolicy), typeof(V1Ingress), typeof(V1Job),
    ];

    private static readonly string[] Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
    private static readonly string[] CoreVersions = ["v1"];

    private readonly WebApplication _app;

    private FakeKubernetesApi(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    /// <summary>Requests that were not reads (kubectl must not write during a client dry run).</summary>
    public ConcurrentQueue<string> Writes { get; } = new();

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);

        var entities = Kinds.Select(t => t.GetCustomAttribute<KubernetesEntityAttribute>()!).ToList();
        var groupVersions = entities.GroupBy(e => string.IsNullOrEmpty(e.Group) ? e.ApiVersion : $"{e.Group}/{e.ApiVersion}").ToList();

        app.MapGet("/api", () => Results.Json(new { kind = "APIVersions", versions = CoreVersions, serverAddressByClientCIDRs = new[] { new { clientCIDR = "0.0.0.0/0", serverAddress = "127.0.0.1" } } }));
        app.MapGet("/apis", () => Results.Json(new
        {
            kind = "APIGroupList",
            apiVersion = "v1",
            groups = groupVersions.Where(g => g.Key.Contains('/', StringComparison.Ordinal)).Select(g => new
            {
                name = g.First().Group,
                versions = new[] { new { groupVersion = g.Key, version = g.First().ApiVersion } },
                preferredVersion = new { groupVersion = g.Key, version = g.First().ApiVersion },
            }),
        }));
        foreach (var groupVersion in groupVersions)
        {
            var path = groupVersion.Key.Contains('/', StringComparison.Ordinal) ? $"/apis/{groupVersion.Key}" : $"/api/{groupVersion.Key}";
            app.MapGet(path, () => Results.Json(new
            {
                kind = "APIResourceList",
                apiVersion = "v1",
                groupVersion = groupVersion.Key,
                resources = groupVersion.Select(e => new
                {
                    name = e.PluralName,
                    singularName = e.Kind.ToLowerInvariant(),
                    @namespaced = e.Kind != V1Namespace.KubeKind,
                    kind = e.Kind,
                    verbs = Verbs,
                }),
            }));
        }
        app.Map("/{**path}", (HttpContext context) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                api.Writes.Enqueue($"{context.Request.Method} {context.Request.Path}");
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return Task.CompletedTask;
            }
            // No object exists yet, and there is no OpenAPI document (kubectl runs with --validate=false).
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsJsonAsync(new { kind = "Status", apiVersion = "v1", status = "Failure", reason = "NotFound", code = 404, message = "not found" });
        });

        await app.StartAsync();
        return api;
    }

    /// <summary>A kubeconfig pointing at this server.</summary>
    public string WriteKubeconfig(string directory)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Url}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
            current-context: fake
            users:
            - name: fake
              user: {"{}"}
            """);
        return path;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
