using HelpDesk.AppHost.Demo;
using HelpDesk.AppHost.Hosting;
using HelpDesk.AppHost.Kubernetes;
using HelpDesk.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The HelpDesk platform as Aspire runs it. Embedded (default, only the .NET SDK needed): every backend service in one
// process (in-memory bus, SQLite) behind the gateway. --distributed: RabbitMQ, PostgreSQL with one database per
// service, and one process per service. `publish --target kubernetes` writes manifests from this same model.
var publish = args is ["publish", ..];
var options = HelpDeskRunOptions.Parse(publish ? ["--distributed", "--containers", "--no-demo"] : args);
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = options.AspireArgs, DisableDashboard = !options.Dashboard });
// Ctrl+C or SIGTERM: exit only once DCP has stopped every resource (services drain their messages first).
builder.Configuration["DcpPublisher:WaitForResourceCleanup"] ??= "true";
options = options with { DemoPeople = !LocalIdentity.OperatorConfiguresPeople(builder.Configuration.GetSection("Services")) };
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(90));

// Secret settings: in Kubernetes from Secrets; in a local run generated once into the data directory (LocalIdentity).
const string VerificationKey = "HelpDesk__ServiceTokens__VerificationKeys__0";
const string EmailReplySecret = "HelpDesk__EmailReplySecret";
var issuer = new Uri($"http://localhost:{options.GatewayPort}/");

// The only public resource, on the port the README promises; it routes to every backend by its service name and signs
// the identity it forwards (services accept nothing else).
var gatewayData = Path.Combine(options.DataDirectory, options.Distributed ? "distributed/services/gateway" : "gateway");
// --replicas N (distributed): N gateway processes behind DCP's proxy on the gateway's port.
var gatewayReplicas = options.Distributed ? options.Replicas : 1;
var gateway = builder.AddHelpDeskProject<Projects.HelpDesk_Gateway>("gateway", gatewayData, port: options.GatewayPort, proxied: gatewayReplicas > 1)
    .WithReplicas(gatewayReplicas)
    .WithEnvironment("Gateway__LocalKeyFile", options.LocalKeyFile)
    .WithLocalDefaults(() => LocalIdentity.GatewaySettings(options.DataDirectory, issuer))
    .PublishAsKubernetesService(new()
    {
        Public = true, Scalable = true, Replicas = 2, MaxReplicas = 8, Compute = new("200m", "128Mi", "1", "384Mi"), DataVolumeSize = "64Mi",
        SecretSettings = ["HelpDesk__ServiceTokens__SigningKey", "Gateway__Identity__Authority"],
    });

// Routing's seed portal (the portal home's choices) unless the operator configures portals.
var portals = !LocalWeb.OperatorConfiguresPortals(builder.Configuration.GetSection("Services"));
if (!options.Distributed)
{
    var services = builder.AddHelpDeskProject<Projects.HelpDesk_Embedded>("services", options.DataDirectory)
        .WithMailPickup(options)
        .WithLocalDefaults(() => LocalIdentity.ServiceSettings(options.DataDirectory))
        .WithLocalDefaults(() => portals ? LocalWeb.RoutingSettings() : [])
        .WithLocalDefaults(() => DemoRun.NotificationsSettings(options));
    foreach (var name in new[] { "intake", "routing", "kb", "sla", "notifications" })
    {
        gateway.WithServiceAddress(name, services);
    }
    gateway.WaitFor(services);
    // The OpenID Connect server runs on its own (SQLite identitydb.db in the data directory), issuing as the gateway's URL.
    var identity = builder.AddHelpDeskProject<Projects.HelpDesk_Identity>("identity", options.DataDirectory)
        .WithLocalDefaults(() => LocalIdentity.IdentitySettings(options.DataDirectory, issuer, options.DemoPeople))
        .WithLocalDefaults(() => LocalWeb.IdentitySettings(options.DataDirectory))
        .WithLocalDefaults(() => LocalApiDocs.IdentitySettings(issuer));
    gateway.WithReference(identity).WaitFor(identity);
    builder.AddWebApp(Path.Combine(options.DataDirectory, "web"), options, gateway, issuer);
}
else
{
    try
    {
        var containers = ContainerRuntime.IsUsable(options.Containers);
        var messaging = builder.AddMessaging("messaging", options, containers);
        var postgres = builder.AddDatabaseServer("postgres", options, containers);

        // People, organisations, OAuth clients and the token server's keys; replicas share keys through identitydb.
        builder.AddBackend<Projects.HelpDesk_Identity>("identity", options, gateway, messaging: null, postgres.AddDatabase("identitydb"))
            .WithLocalDefaults(() => LocalIdentity.IdentitySettings(options.DataDirectory, issuer, options.DemoPeople))
            .WithLocalDefaults(() => LocalWeb.IdentitySettings(options.DataDirectory))
            .WithLocalDefaults(() => LocalApiDocs.IdentitySettings(issuer))
            .PublishAsKubernetesService(new() { Compute = new("100m", "192Mi", "1", "384Mi"), SecretSettings = [VerificationKey, "Identity__Issuer", "Identity__WebClientSecret"] });
        // --replicas N: every service but identity runs N processes (outbox claims, assignment locks and SLA scans are
        // shared through the database; each KB process claims its own Lucene index slot in the shared data directory).
        builder.AddBackend<Projects.HelpDesk_Intake>("intake", options, gateway, messaging, postgres.AddDatabase("intakedb"))
            .WithReplicas(options.Replicas)
            .PublishAsKubernetesService(new() { Scalable = true, Replicas = 2, MaxReplicas = 6, Compute = new("200m", "256Mi", "1", "512Mi"), SecretSettings = [VerificationKey, EmailReplySecret] });
        // The classifier model lives in memory.
        builder.AddBackend<Projects.HelpDesk_Routing>("routing", options, gateway, messaging, postgres.AddDatabase("routingdb"))
            .WithLocalDefaults(() => portals ? LocalWeb.RoutingSettings() : [])
            .WithReplicas(options.Replicas)
            .PublishAsKubernetesService(new() { Compute = new("100m", "256Mi", "1", "768Mi"), SecretSettings = [VerificationKey] });
        // Each replica keeps its own Lucene index under its data directory, rebuilt from kbdb at start.
        builder.AddBackend<Projects.HelpDesk_KnowledgeBase>("kb", options, gateway, messaging, postgres.AddDatabase("kbdb"))
            .WithReplicas(options.Replicas)
            .PublishAsKubernetesService(new() { Scalable = true, Replicas = 2, MaxReplicas = 4, Compute = new("200m", "384Mi", "1", "1Gi"), DataVolumeSize = "2Gi", OptionalConnections = ["elasticsearch"], SecretSettings = [VerificationKey] });
        builder.AddBackend<Projects.HelpDesk_Sla>("sla", options, gateway, messaging, postgres.AddDatabase("sladb"))
            .WithReplicas(options.Replicas)
            .PublishAsKubernetesService(new() { SecretSettings = [VerificationKey] });
        builder.AddBackend<Projects.HelpDesk_Notifications>("notifications", options, gateway, messaging, postgres.AddDatabase("notificationsdb"))
            .WithMailPickup(options)
            .WithLocalDefaults(() => DemoRun.NotificationsSettings(options))
            .WithReplicas(options.Replicas)
            .PublishAsKubernetesService(new() { SecretSettings = [VerificationKey, EmailReplySecret] });
        builder.AddWebApp(Path.Combine(options.DistributedDirectory, "services", "web"), options, gateway, issuer);
    }
    catch (MissingBinaryException missing)
    {
        Console.Error.WriteLine($"!!! --distributed needs {missing.Binary} and no container runtime is usable here. {missing.Message}");
        return 3;
    }
}

if (publish)
{
    return await KubernetesPublisher.RunAsync(args[1..], AppModelServices.From(builder.Resources), Console.Out, Console.Error);
}

builder.Services.AddSingleton(options);
builder.Services.AddSingleton<DemoRun>();
builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StartupWatch>(sp, gateway.Resource.Name));
builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupWatch>());
// The watch runs from before the orchestrator creates resources, so a hang there is reported too.
builder.Eventing.Subscribe<BeforeStartEvent>((started, cancellationToken) => started.Services.GetRequiredService<StartupWatch>().StartAsync(cancellationToken));
await using var app = builder.Build();
try
{
    await app.RunAsync();
}
catch (OperationCanceledException) when (StartupWatch.ExitCode != 0)
{
    // The start-up watch stopped a failed start; it has said why.
}
if (StartupWatch.ExitCode != 0)
{
    // A start that failed never reached the host's stop, which runs the clean-ups registered for ApplicationStopped
    // (the RabbitMQ node's epmd, a PostgreSQL server still stopping).
    await app.StopAsync();
}
return StartupWatch.ExitCode;
