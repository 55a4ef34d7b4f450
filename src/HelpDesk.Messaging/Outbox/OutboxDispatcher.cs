using System.Diagnostics;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Messaging.Topology;
using HelpDesk.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the bus in commit order, then marks them dispatched.
/// A crash between publish and mark republishes with the same message id; consumers' inboxes drop the copy.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TContext> signal,
    PlatformTopologyGate topology,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private readonly Guid _instance = Guid.NewGuid();
    private DateTimeOffset _nextCleanup;

    /// <summary>The last batch: published, not yet marked dispatched. Only the dispatch loop reads or writes it.</summary>
    private OutboxPendingMark? _pendingMark;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (bus, schema) before the first publish, and publish nothing before every
        // consumer queue exists: RabbitMQ confirms a message no queue receives, and the row would count as sent.
        await Task.Yield();
        try
        {
            await topology.Deployed.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A full batch may have more behind it; otherwise wait. Rows committed while this batch was out
                // signalled already (the wait returns at once), so an empty claim after every batch would find nothing new.
                if (await DispatchOrBackOffAsync(stoppingToken) < options.Value.BatchSize && !await WaitForRowsAsync(stoppingToken))
                {
                    return;
                }
            }
        }
        finally
        {
            // Mark what was published before stopping, so the next start does not publish it again.
            await FlushMarkAsync(CancellationToken.None);
        }
    }

    /// <summary>One batch; after a failure, waits <see cref="OutboxOptions.PollInterval"/> and returns 0.</summary>
    private async Task<int> DispatchOrBackOffAsync(CancellationToken stoppingToken)
    {
        try
        {
            var dispatched = await DispatchBatchAsync(stoppingToken);
            await CleanupAsync(stoppingToken);
            return dispatched;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (OutboxPublishException)
        {
            // Already logged with the row; back off before trying that row again.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Outbox dispatch of {Context} failed; retrying", typeof(TContext).Name);
        }
        await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return 0;
    }

    /// <summary>
    /// Waits for committed rows. While a batch waits to be marked, only <see cref="OutboxOptions.MarkDelay"/>: rows
    /// arriving meanwhile are claimed in the same commit as the mark, otherwise the mark is written alone. False when stopping.
    /// </summary>
    private async Task<bool> WaitForRowsAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_pendingMark is { } pending)
            {
                if (await WaitForNewRowsAsync(pending, stoppingToken))
                {
                    return true;
                }
                await FlushMarkAsync(stoppingToken);
            }
            await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits up to <see cref="OutboxOptions.MarkDelay"/> from the batch's publish for rows it did not claim; false when none came.
    /// </summary>
    /// <remarks>
    /// On SQLite a wake-up announcing only rows up to the pending claim's last is left over: those rows committed while
    /// that claim waited for the writer, and it took them. Claiming for it would find nothing and write the mark alone
    /// (one commit more, and the next rows' claim without it). Writers commit one at a time there, so sequences commit in
    /// order; on PostgreSQL a lower sequence can commit after a higher one was claimed, so every wake-up claims.
    /// </remarks>
    private async Task<bool> WaitForNewRowsAsync(OutboxPendingMark pending, CancellationToken stoppingToken)
    {
        while (pending.DispatchedAt + options.Value.MarkDelay - time.GetUtcNow() is { Ticks: > 0 } left)
        {
            if (!await signal.WaitAsync(left, stoppingToken))
            {
                return false;
            }
            if (!pending.Claim.OnSqlite || signal.CommittedUpTo > pending.Claim.Last)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Claims, publishes and settles one batch; returns how many rows it dispatched.</summary>
    /// <remarks>
    /// Rows are claimed as one contiguous range of sequence numbers (no IN-list of ids), published strictly in
    /// sequence order, and on the first failure the rest of the claim is released at once, so a later row is never
    /// published before an earlier one that is waiting for the broker. A batch published whole is marked with the
    /// next claim (<see cref="OutboxOptions.MarkDelay"/>): one commit per batch instead of two. Until then its rows
    /// stay claimed, so no replica takes them; a crash before the mark publishes them again with the same message ids.
    /// </remarks>
    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Rows committed from here on notify again; those committed before are this claim's (no empty claim after it,
        // which would also write the pending mark at once instead of with the next rows).
        signal.Clear();
        var claim = await ClaimAsync(db, cancellationToken);
        if (claim is null)
        {
            return 0;
        }
        var progress = await PublishAsync(db, claim, cancellationToken);
        if (progress.Published == claim.Rows.Count && options.Value.MarkDelay > TimeSpan.Zero)
        {
            _pendingMark = new OutboxPendingMark(claim, time.GetUtcNow());
            return progress.Published;
        }
        await SettleAsync(db, claim, progress);
        return progress.Published;
    }

    /// <summary>
    /// Claims the oldest undispatched rows so that another replica does not publish them meanwhile, marking the
    /// pending batch dispatched in the same commit; null when there are no rows.
    /// </summary>
    /// <remarks>
    /// One statement, one round trip: the UPDATE picks the window, re-checks the claim condition row by row (so two
    /// replicas never both claim a row; on PostgreSQL a row another replica claimed meanwhile fails the re-check) and
    /// returns the claimed rows. A claim that outlives a crashed replica expires and is taken over (a duplicate publish
    /// then, which inboxes absorb). PostgreSQL marks the pending batch in a data-modifying CTE of the same statement
    /// (whose claim leaves that range out, see <see cref="MarkAndClaimSql"/>); SQLite, which has none, marks it first in
    /// a transaction around both statements (in-process calls, one commit), so the claim sees it dispatched.
    /// </remarks>
    private async Task<OutboxClaim?> ClaimAsync(TContext db, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        // Whole milliseconds: the claim is matched by equality and PostgreSQL keeps only microseconds.
        var lockedUntil = TruncateToMilliseconds(now + settings.ClaimDuration);
        var sqlite = db.Database.IsSqlite();
        // SQLite keeps Guid as upper-case text (EF's SQLite mapping).
        object me = sqlite ? _instance.ToString().ToUpperInvariant() : _instance;
        object[] claim = [db.Database.TimeParameter(lockedUntil), me, db.Database.TimeParameter(now), settings.BatchSize];
        var pending = _pendingMark;
        List<OutboxMessage> rows;
        if (pending is null)
        {
            rows = await ClaimRowsAsync(db, ClaimSql, claim, cancellationToken);
        }
        else if (sqlite)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await MarkAsync(db, pending.Claim, pending.Claim.Last, pending.DispatchedAt, cancellationToken);
            rows = await ClaimRowsAsync(db, ClaimSql, claim, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            object[] mark = [db.Database.TimeParameter(pending.DispatchedAt), pending.Claim.First, pending.Claim.Last, db.Database.TimeParameter(pending.Claim.LockedUntil)];
            rows = await ClaimRowsAsync(db, MarkAndClaimSql, [.. claim, .. mark], cancellationToken);
        }
        if (pending is not null)
        {
            _pendingMark = null;
            MessagingMetrics.Dispatched.Add(pending.Claim.Rows.Count);
        }
        if (rows.Count == 0)
        {
            return null;
        }
        rows.Sort((x, y) => x.Sequence.CompareTo(y.Sequence));
        return new OutboxClaim(rows[0].Sequence, rows[^1].Sequence, _instance, lockedUntil, rows, sqlite);
    }

    private static Task<List<OutboxMessage>> ClaimRowsAsync(TContext db, string sql, object[] parameters, CancellationToken cancellationToken) =>
        db.OutboxMessages.FromSqlRaw(sql, parameters).AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>The claim: {0} claim expiry, {1} this dispatcher, {2} now, {3} batch size. Valid on SQLite (3.35+) and PostgreSQL.</summary>
    private static readonly string ClaimSql = ClaimStatement("");

    /// <summary>
    /// PostgreSQL: marks the pending batch ({4} dispatched at, sequences {5} to {6}, claimed by {1} until {7}) and
    /// claims the next one ({0}-{3} as in the claim) in one statement. Both parts read the statement's snapshot, in which
    /// the pending rows are still undispatched, so the claim leaves their range out: once their claim has expired (the
    /// clock jumped, or the mark waited longer than <see cref="OutboxOptions.ClaimDuration"/>) it would otherwise take
    /// them again in the same statement that marks them, and publish them a second time.
    /// </summary>
    private static readonly string MarkAndClaimSql = """
        WITH marked AS (
            UPDATE outbox_messages SET "DispatchedAt" = {4}, "LockedUntil" = NULL
            WHERE "Sequence" BETWEEN {5} AND {6} AND "LockedBy" = {1} AND "LockedUntil" = {7} AND "DispatchedAt" IS NULL)

        """ + ClaimStatement("""AND "Sequence" NOT BETWEEN {5} AND {6}""");

    /// <summary>The claim's UPDATE, with <paramref name="windowCondition"/> added to the choice of rows (one text for both statements).</summary>
    private static string ClaimStatement(string windowCondition) => $$"""
        UPDATE outbox_messages SET "LockedUntil" = {0}, "LockedBy" = {1}
        WHERE "Sequence" IN (
            SELECT "Sequence" FROM outbox_messages
            WHERE "DispatchedAt" IS NULL AND ("LockedUntil" IS NULL OR "LockedUntil" < {2}) {{windowCondition}}
            ORDER BY "Sequence" LIMIT {3})
          AND "DispatchedAt" IS NULL AND ("LockedUntil" IS NULL OR "LockedUntil" < {2})
        RETURNING *
        """;

    /// <summary>Writes the pending batch's mark alone (no claim followed within the delay, or the dispatcher stops).</summary>
    private async Task FlushMarkAsync(CancellationToken cancellationToken)
    {
        if (_pendingMark is not { } pending)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await MarkAsync(db, pending.Claim, pending.Claim.Last, pending.DispatchedAt, cancellationToken);
            _pendingMark = null;
            MessagingMetrics.Dispatched.Add(pending.Claim.Rows.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Kept pending: the next claim or flush tries again; past ClaimDuration the rows are published again.
            logger.LogWarning(ex, "Marking outbox rows {First}-{Last} of {Context} dispatched failed", pending.Claim.First, pending.Claim.Last, typeof(TContext).Name);
        }
    }

    /// <summary>Publishes the claimed rows until the first one the broker does not take.</summary>
    /// <remarks>
    /// Every publish of the batch is started in sequence order before the first confirm is awaited, so the broker
    /// confirms them while the next ones go out (one round trip per batch instead of one per row). Confirms are then
    /// taken in order: the rows before the first failure count as published; any after it that the broker did take
    /// are published again with the same message id on the next attempt, which inboxes absorb.
    /// </remarks>
    private async Task<OutboxBatchProgress> PublishAsync(TContext db, OutboxClaim claim, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.PublishTimeout);
        var pending = new List<(OutboxMessage Row, Task Publish)>(claim.Rows.Count);
        foreach (var row in claim.Rows)
        {
            if (!TryRead(row, out var message, out var type, out var unreadable))
            {
                // A row that can never be published (its type is gone, its body unreadable) must not block the
                // rows behind it: it is parked with the reason for an operator, and counted as handled here.
                await ParkAsync(db, row, unreadable!);
                pending.Add((row, Task.CompletedTask));
                continue;
            }
            pending.Add((row, PublishRowAsync(row, message!, type!, limit.Token)));
        }

        var published = 0;
        foreach (var (row, publish) in pending)
        {
            try
            {
                await publish;
                published++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Publishing outbox row {Sequence} ({Type}) failed; it and the rows after it wait for the next attempt", row.Sequence, row.MessageType);
                await Task.WhenAll(pending.Skip(published + 1).Select(p => p.Publish)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return new OutboxBatchProgress(published, ex);
            }
        }
        return new OutboxBatchProgress(published, null);
    }

    /// <summary>
    /// Marks the published rows dispatched, records a failure on the row that failed and releases the rest of the
    /// claim; throws <see cref="OutboxPublishException"/> when nothing was published, so the loop backs off.
    /// </summary>
    private async Task SettleAsync(TContext db, OutboxClaim claim, OutboxBatchProgress progress)
    {
        var (rows, published) = (claim.Rows, progress.Published);
        if (published > 0)
        {
            // Parked rows in the range no longer match the claim, so this marks exactly the published ones.
            await MarkAsync(db, claim, rows[published - 1].Sequence, time.GetUtcNow(), CancellationToken.None);
            MessagingMetrics.Dispatched.Add(published);
        }
        if (published == rows.Count)
        {
            return;
        }
        var failed = rows[published].Sequence;
        if (progress.Failure is { } failure)
        {
            var error = Truncate(failure.Message, 2000);
            await db.OutboxMessages.Where(m => m.Sequence == failed)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, error), CancellationToken.None);
        }
        // Release the rest of the claim now rather than when it expires: the next attempt (after the poll
        // interval) starts again from the failed row, so nothing behind it overtakes it.
        await Claimed(db, claim, failed, claim.Last)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        if (published == 0)
        {
            throw new OutboxPublishException($"Publishing outbox row {failed} failed", progress.Failure);
        }
    }

    /// <summary>Marks the claim's rows up to <paramref name="last"/> dispatched and ends their claim.</summary>
    /// <remarks>
    /// Raw SQL, as the claim: once per batch, and an ExecuteUpdate's setter lambdas cost more to turn into a cache key
    /// (1.1 % of the embedded process's CPU at 20 tickets/s) than the statement costs to run.
    /// </remarks>
    private static Task<int> MarkAsync(TContext db, OutboxClaim claim, long last, DateTimeOffset dispatchedAt, CancellationToken cancellationToken)
    {
        object lockedBy = db.Database.IsSqlite() ? claim.LockedBy.ToString().ToUpperInvariant() : claim.LockedBy;
        return db.Database.ExecuteSqlRawAsync(MarkSql,
            [db.Database.TimeParameter(dispatchedAt), claim.First, last, lockedBy, db.Database.TimeParameter(claim.LockedUntil)], cancellationToken);
    }

    /// <summary>The mark: {0} dispatched at; sequences {1} to {2} still claimed by {3} until {4}.</summary>
    private const string MarkSql = """
        UPDATE outbox_messages SET "DispatchedAt" = {0}, "LockedUntil" = NULL
        WHERE "Sequence" BETWEEN {1} AND {2} AND "LockedBy" = {3} AND "LockedUntil" = {4} AND "DispatchedAt" IS NULL
        """;

    /// <summary>The still-undispatched rows of <paramref name="claim"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static IQueryable<OutboxMessage> Claimed(TContext db, OutboxClaim claim, long from, long to) =>
        db.OutboxMessages.Where(m => m.Sequence >= from && m.Sequence <= to && m.LockedBy == claim.LockedBy && m.LockedUntil == claim.LockedUntil && m.DispatchedAt == null);

    private bool TryRead(OutboxMessage row, out object? message, out Type? type, out Exception? unreadable)
    {
        try
        {
            message = OutboxExtensions.Deserialize(row, out var readType);
            type = readType;
            unreadable = null;
            return true;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or TypeLoadException or FileNotFoundException or InvalidOperationException or NotSupportedException)
        {
            logger.LogError(ex, "Outbox row {Sequence} ({Type}) cannot be read; parking it", row.Sequence, row.MessageType);
            (message, type, unreadable) = (null, null, ex);
            return false;
        }
    }

    private static Task ParkAsync(TContext db, OutboxMessage row, Exception reason)
    {
        var error = Truncate("Parked: " + reason.Message, 2000);
        return db.OutboxMessages.Where(m => m.Sequence == row.Sequence)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, ParkedUntil).SetProperty(m => m.LastError, error).SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
    }

    private async Task PublishRowAsync(OutboxMessage row, object message, Type type, CancellationToken cancellationToken)
    {
        using var activity = row.TraceParent is not null && ActivityContext.TryParse(row.TraceParent, null, out var parent)
            ? HelpDeskTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Producer, parent)
            : HelpDeskTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Producer);
        activity?.SetTag("messaging.message.type", type.Name);
        if (row.TicketId is { } ticketId)
        {
            activity?.SetTag(HelpDeskTelemetry.TicketIdTag, ticketId);
        }

        await bus.Publish(message, type, context =>
        {
            context.MessageId = row.MessageId;
            context.Durable = true;
            // The event's own time travels with it: a re-dispatch or a move back from _error keeps it (replay window).
            context.Headers.Set(ReplayWindow.WrittenAtHeader, ReplayWindow.Format(row.CreatedAt));
        }, cancellationToken);
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextCleanup)
        {
            return;
        }
        _nextCleanup = now + TimeSpan.FromMinutes(10);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = now - options.Value.Retention;
        var inboxCutoff = now - options.Value.EffectiveInboxRetention;
        await db.OutboxMessages.Where(m => m.DispatchedAt != null && m.DispatchedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.InboxMessages.Where(m => m.ProcessedAt < inboxCutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Claim given to rows that can never be published, so no dispatcher picks them up again.</summary>
    private static readonly DateTimeOffset ParkedUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
