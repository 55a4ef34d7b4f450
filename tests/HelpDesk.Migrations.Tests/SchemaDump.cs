using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Migrations.Tests;

/// <summary>
/// A database's schema as sorted text lines, for comparing two databases: tables, columns (type, nullability, default,
/// identity), indexes and constraints. EF Core's own history and lock tables are left out.
/// </summary>
public static partial class SchemaDump
{
    private const string PostgresColumns = """
        SELECT concat_ws(' ', 'column', table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length,
                         column_default, is_identity, identity_generation) AS "Value"
        FROM information_schema.columns WHERE table_schema = current_schema() AND table_name NOT LIKE '\_\_EF%'
        """;

    private const string PostgresIndexes = """
        SELECT concat_ws(' ', 'index', tablename, indexname, indexdef) AS "Value"
        FROM pg_indexes WHERE schemaname = current_schema() AND tablename NOT LIKE '\_\_EF%'
        """;

    private const string PostgresConstraints = """
        SELECT concat_ws(' ', 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid)) AS "Value"
        FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text NOT LIKE '"\_\_EF%'
        """;

    private const string SqliteObjects = """
        SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS "Value"
        FROM sqlite_master WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE '\_\_EF%' ESCAPE '\'
        """;

    public static async Task<IReadOnlyList<string>> ReadAsync(DbContext db)
    {
        var queries = db.Database.IsNpgsql() ? new[] { PostgresColumns, PostgresIndexes, PostgresConstraints } : [SqliteObjects];
        var lines = new List<string>();
        foreach (var sql in queries)
        {
            lines.AddRange(await db.Database.SqlQueryRaw<string>(sql).ToListAsync());
        }
        return Normalize(lines);
    }

    /// <summary>
    /// Whitespace in stored DDL is not schema: collapsed, and none before a comma or closing parenthesis (SQLite's
    /// ALTER TABLE ADD COLUMN stores <c>NULL\n, "Column" TEXT NULL)</c> where CREATE TABLE wrote <c>NULL, "Column" TEXT NULL\n)</c>).
    /// </summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> lines) =>
        lines.Select(l => SpaceBeforeComma().Replace(string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), "$1"))
            .Order(StringComparer.Ordinal).ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+([,)])")]
    private static partial System.Text.RegularExpressions.Regex SpaceBeforeComma();
}
