using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// A compiled query (EF.CompileAsyncQuery) kept per EF model. Hot per-message look-ups compile once instead of
/// building the query's cache key from its expression tree on every call; EF binds a compiled query to the first model
/// it meets and throws on a second one (a process can hold a SQLite and a PostgreSQL model of one context type, as the
/// tests do), so each model gets its own.
/// </summary>
public sealed class PerModel<TQuery> where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile;

    public PerModel(Func<TQuery> compile)
    {
        _compile = _ => compile();
    }

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _compile);
}
