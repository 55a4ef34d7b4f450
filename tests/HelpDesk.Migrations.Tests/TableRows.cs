using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Migrations.Tests;

/// <summary>
/// Every row of every table of a database as text (EF Core's history and lock tables left out), for showing that an
/// upgrade kept each row exactly. Rows are read column by column under the column names of the first reading, so a
/// later migration that adds a column still compares the columns that existed before.
/// </summary>
public sealed record TableRows(IReadOnlyDictionary<string, IReadOnlyList<string>> Columns, IReadOnlyDictionary<string, IReadOnlyList<string>> Rows)
{
    private const string PostgresTables = """
        SELECT table_name AS "Value" FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\_\_EF%'
        """;

    private const string SqliteTables = """
        SELECT name AS "Value" FROM sqlite_master
        WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE '\_\_EF%' ESCAPE '\'
        """;

    public int Count(string table) => Rows[table].Count;

    /// <summary>Reads every table; with <paramref name="like"/>, exactly the tables and columns it had.</summary>
    public static async Task<TableRows> ReadAsync(DbContext db, TableRows? like = null)
    {
        var tables = like?.Columns.Keys.ToList()
            ?? await db.Database.SqlQueryRaw<string>(db.Database.IsNpgsql() ? PostgresTables : SqliteTables).ToListAsync();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var columns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var rows = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                var select = like is null ? "*" : string.Join(", ", like.Columns[table].Select(c => $"\"{c}\""));
                (columns[table], rows[table]) = await ReadTableAsync(connection, $"SELECT {select} FROM \"{table}\"");
            }
            return new TableRows(columns, rows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(IReadOnlyList<string> Columns, IReadOnlyList<string> Rows)> ReadTableAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i)))));
        }
        rows.Sort(StringComparer.Ordinal);
        return (names, rows);
    }

    private static string Text(object value) => value switch
    {
        DBNull => "<null>",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
