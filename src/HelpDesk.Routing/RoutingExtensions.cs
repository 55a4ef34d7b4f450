using HelpDesk.Messaging.Persistence;
using HelpDesk.Routing.Infrastructure.Classification;
using MassTransit;

namespace HelpDesk.Routing;

public static class RoutingExtensions
{
    public const string DatabaseName = "routingdb";

    public static IHostApplicationBuilder AddRouting(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApiDocument(HelpDesk.Routing.Api.RoutingApiDocument.Document);
        // Every request must carry the identity the gateway verified and signed; anything else is 401.
        builder.AddServiceAuthentication();
        builder.AddServiceDatabase<RoutingDbContext>(DatabaseName);
        builder.Services.AddOptions<RoutingOptions>()
            .BindConfiguration(RoutingOptions.Section)
            .Validate(o => o.ModelConfidenceThreshold is >= 0 and <= 1, "Routing:ModelConfidenceThreshold must be between 0 and 1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultQueue), "Routing:DefaultQueue is required.")
            .Validate(o => o.WaitingTicketSweepInterval > TimeSpan.Zero, "Routing:WaitingTicketSweepInterval must be positive.")
            .Validate(o => o.Classifier.RefreshInterval > TimeSpan.Zero, "Routing:Classifier:RefreshInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new TicketAnalyzer(LoadLexicon(services)));
        builder.Services.AddSingleton<IWordVectors>(services => new MiniLmWordVectors(
            Path.Combine(PersistenceExtensions.GetDataDirectory(services.GetRequiredService<IConfiguration>()), "routing", "word-vectors.bin")));
        builder.Services.AddSingleton<TicketClassifier>();
        builder.Services.AddHostedService<ClassifierRefresher>();
        builder.Services.AddSingleton<ModelTrainingJobs>();
        builder.Services.AddHostedService<ModelTrainingWorker>();
        builder.Services.AddSingleton<RoutingDecider>();
        builder.Services.AddSingleton<AssignmentService>();
        builder.Services.AddSingleton<AgentLoadTracker>();
        builder.AddApprovals();
        builder.Services.AddHostedService<RoutingSeeder>();
        builder.Services.AddHostedService<WaitingTicketSweeper>();
        builder.AddMessageConsumers(bus =>
        {
            bus.AddConsumer<RouteSubmittedTicket, RouteSubmittedTicketDefinition>();
            bus.AddAgentLoadConsumers();
            bus.AddConsumer<StartChangeApproval>();
            bus.AddConsumer<WithdrawOnClosure>();
            bus.AddConsumer<DecideByEmailReply>();
            bus.AddConsumer<CloseChangeApprovalRound>();
            bus.AddConsumer<RecordRatingOnRequest>();
            bus.AddConsumer<PublishCatalogSnapshot>();
            bus.AddConsumer<FollowReassignment>();
        });
        return builder;
    }

    private static ClassifierLexicon LoadLexicon(IServiceProvider services)
    {
        var path = ClassifierFileOptions.Resolve(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RoutingOptions>>().Value.Classifier.LexiconPath);
        return File.Exists(path)
            ? ClassifierLexicon.Load(path)
            : throw new FileNotFoundException($"Routing:Classifier:LexiconPath: the lexicon '{path}' does not exist.", path);
    }

    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/routing").WithTags("Routing")
            .MapRulesApi()
            .MapDecisionsApi()
            .MapApprovalsApi()
            .MapApprovalLinksApi()
            .MapFulfilmentTasksApi()
            .MapCatalogReportsApi()
            .MapModelApi()
            .MapCorrectionsApi()
            .MapQueuesApi()
            .MapAgentsApi()
            .MapCatalogApi()
            .MapPortalsApi();
        return app;
    }
}
