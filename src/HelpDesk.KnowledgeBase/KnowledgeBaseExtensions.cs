using HelpDesk.KnowledgeBase.Consumers;
using HelpDesk.KnowledgeBase.Infrastructure.Analytics;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Synonyms;
using HelpDesk.Messaging.Persistence;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase;

public static class KnowledgeBaseExtensions
{
    public const string DatabaseName = "kbdb";

    /// <summary>Aspire-style connection name for an Elasticsearch cluster (ConnectionStrings__elasticsearch).</summary>
    public const string ElasticsearchConnectionName = "elasticsearch";

    public static IHostApplicationBuilder AddKnowledgeBase(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApiDocument(HelpDesk.KnowledgeBase.Api.KnowledgeBaseApiDocument.Document);
        // Every request must carry the identity the gateway verified and signed; anything else is 401.
        builder.AddServiceAuthentication();
        builder.AddServiceDatabase<KnowledgeBaseDbContext>(DatabaseName);
        var dataDirectory = PersistenceExtensions.GetDataDirectory(builder.Configuration);
        var elasticsearchConnection = builder.Configuration.GetConnectionString(ElasticsearchConnectionName);
        builder.Services.AddOptions<KnowledgeBaseOptions>()
            .BindConfiguration("KnowledgeBase")
            .PostConfigure(options =>
            {
                options.IndexDirectory ??= Path.Combine(dataDirectory, "kb-index");
                if (options.ElasticsearchUrl is null && Uri.TryCreate(elasticsearchConnection, UriKind.Absolute, out var url))
                {
                    options.ElasticsearchUrl = url;
                }
            });
        builder.Services.AddSingleton<KbAnalysis>();
        builder.Services.AddSingleton<SynonymCatalog>();
        builder.Services.AddSingleton<QueryPlanner>();
        builder.AddSearchBackend();
        builder.Services.AddSingleton<KbReplica>();
        builder.Services.AddSingleton<TicketArticleSuggester>();
        builder.Services.AddSingleton<IndexSynchronizer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IndexSynchronizer>());
        builder.Services.AddSingleton<SearchAnalytics>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SearchAnalytics>());
        builder.Services.AddSingleton<AnalyticsRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AnalyticsRetention>());
        builder.Services.AddScoped<AnalyticsReports>();
        builder.Services.AddHealthChecks().AddCheck<IndexSynchronizer>("kb-search-index", tags: [ServiceDefaultsExtensions.ReadyTag]);

        builder.AddMessageConsumers(bus =>
        {
            bus.AddConsumer<SuggestArticlesForTicket>();
            bus.AddConsumer<RecordRequesterTicket, RecordRequesterTicketDefinition>();
            bus.AddConsumer<PublishKnownErrorArticle>();
            bus.AddConsumer<IndexKbArticleChanges, IndexKbArticleChangesDefinition>();
            bus.AddConsumer<ReloadKbSynonyms, ReloadKbSynonymsDefinition>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapKnowledgeBase(this IEndpointRouteBuilder app)
    {
        var kb = app.MapGroup("/api/v1/kb").WithTags("KnowledgeBase");
        kb.MapArticlesApi();
        kb.MapSearchApi();
        kb.MapIndexAdminApi();
        kb.MapTicketSuggestionsApi();
        kb.MapSynonymsApi();
        kb.MapAnalyticsApi();
        return app;
    }

    /// <summary>Lucene.NET (default) or Elasticsearch, by <c>KnowledgeBase:SearchBackend</c>.</summary>
    private static void AddSearchBackend(this IHostApplicationBuilder builder)
    {
        var backend = builder.Configuration.GetValue("KnowledgeBase:SearchBackend", SearchBackendKind.Lucene);
        if (backend == SearchBackendKind.Elasticsearch)
        {
            builder.Services.AddSingleton(services => ElasticsearchClientFactory.Create(services.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value));
            builder.Services.AddSingleton<ElasticsearchSearchBackend>();
            builder.Services.AddSingleton<ISearchBackend>(services => services.GetRequiredService<ElasticsearchSearchBackend>());
        }
        else
        {
            builder.Services.AddSingleton<LuceneSearchBackend>();
            builder.Services.AddSingleton<ISearchBackend>(services => services.GetRequiredService<LuceneSearchBackend>());
        }
    }
}
