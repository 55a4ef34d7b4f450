using System.Runtime.CompilerServices;
using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HelpDesk.Messaging.Inbox;

/// <summary>
/// The inbox check as a compiled query: it runs for every consumed message, and building the query's cache key from the
/// expression tree each time was a visible share of a consumer's CPU. EF binds a compiled query to one model, and a
/// process can hold several models of one context type (tests run SQLite and PostgreSQL hosts side by side), so one is
/// compiled per model.
/// </summary>
internal static class InboxQueries<TContext> where TContext : ServiceDbContext
{
    private static readonly ConditionalWeakTable<IModel, Func<TContext, Guid, string, CancellationToken, Task<bool>>> Handled = [];

    public static Func<TContext, Guid, string, CancellationToken, Task<bool>> For(IModel model) =>
        Handled.GetValue(model, static _ => EF.CompileAsyncQuery((TContext db, Guid messageId, string consumer, CancellationToken _) =>
            db.InboxMessages.Any(m => m.MessageId == messageId && m.Consumer == consumer)));
}
