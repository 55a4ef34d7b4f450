using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Messaging.Inbox;

/// <summary>The inbox check as a compiled query: it runs for every consumed message (see <see cref="PerModel{TQuery}"/>).</summary>
internal static class InboxQueries<TContext> where TContext : ServiceDbContext
{
    private static readonly PerModel<Func<TContext, Guid, string, CancellationToken, Task<bool>>> Handled =
        new(() => EF.CompileAsyncQuery((TContext db, Guid messageId, string consumer, CancellationToken _) =>
            db.InboxMessages.Any(m => m.MessageId == messageId && m.Consumer == consumer)));

    public static Task<bool> AlreadyHandled(TContext db, Guid messageId, string consumer, CancellationToken cancellationToken) =>
        Handled.For(db)(db, messageId, consumer, cancellationToken);
}
