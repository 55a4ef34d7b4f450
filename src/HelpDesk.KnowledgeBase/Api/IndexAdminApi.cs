namespace HelpDesk.KnowledgeBase.Api;

/// <summary>Index administration: rebuild (kb:admin) and status (kb:internal).</summary>
public static class IndexAdminApi
{
    public static RouteGroupBuilder MapIndexAdminApi(this RouteGroupBuilder kb)
    {
        kb.MapPost("/admin/reindex", Reindex).WithName("KbReindex");
        kb.MapGet("/admin/index", StatusAsync).WithName("KbIndexStatus");
        return kb;
    }

    private static Results<Accepted<ReindexAccepted>, ProblemHttpResult> Reindex(HttpContext http, IndexSynchronizer synchronizer)
    {
        if (!KbCaller.From(http).CanAdmin)
        {
            return KbCaller.Forbidden(KbCaller.AdminScope);
        }
        var started = synchronizer.StartRebuild();
        return TypedResults.Accepted("/api/v1/kb/admin/index", new ReindexAccepted(started, started ? "rebuilding" : "a rebuild is already running"));
    }

    private static async Task<Results<Ok<IndexStatusView>, ProblemHttpResult>> StatusAsync(
        HttpContext http, ISearchBackend search, IndexSynchronizer synchronizer, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanSeeInternal)
        {
            return KbCaller.Forbidden(KbCaller.InternalScope);
        }
        var status = await search.GetStatusAsync(cancellationToken);
        return TypedResults.Ok(new IndexStatusView(status with { Rebuilding = status.Rebuilding || synchronizer.Rebuilding }, synchronizer.CaughtUp, synchronizer.LastRebuildCompletedAt, synchronizer.LastRebuildError));
    }
}
