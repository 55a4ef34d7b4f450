namespace HelpDesk.KnowledgeBase.Api;

/// <summary>Index administration: rebuild (kb:admin) and status (kb:internal).</summary>
public static class IndexAdminApi
{
    public static RouteGroupBuilder MapIndexAdminApi(this RouteGroupBuilder kb)
    {
        kb.MapPost("/admin/reindex", Reindex).WithName("KbIndex_Rebuild").RequireIndexAdmin()
            .WithSummary("Rebuild the search index")
            .WithDescription("Rebuilds the search index from the articles (202 while it runs).");
        kb.MapGet("/admin/index", StatusAsync).WithName("KbIndex_GetStatus").RequireInternalReader()
            .WithSummary("Search index status")
            .WithDescription("The state of the search index.");
        return kb;
    }

    private static Accepted<ReindexAccepted> Reindex(IndexSynchronizer synchronizer)
    {
        var started = synchronizer.StartRebuild();
        return TypedResults.Accepted("/api/v1/kb/admin/index", new ReindexAccepted(started, started ? "rebuilding" : "a rebuild is already running"));
    }

    private static async Task<Ok<IndexStatusView>> StatusAsync(ISearchBackend search, IndexSynchronizer synchronizer, CancellationToken cancellationToken)
    {
        var status = await search.GetStatusAsync(cancellationToken);
        return TypedResults.Ok(new IndexStatusView(status with { Rebuilding = status.Rebuilding || synchronizer.Rebuilding }, synchronizer.CaughtUp, synchronizer.LastRebuildCompletedAt, synchronizer.LastRebuildError));
    }
}
