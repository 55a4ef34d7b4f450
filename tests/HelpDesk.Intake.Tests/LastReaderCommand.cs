using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpDesk.Intake.Tests;

/// <summary>Keeps the text and parameter values of the last query a context ran, to ask the database for its plan.</summary>
public sealed class LastReaderCommand : DbCommandInterceptor
{
    public string? Text { get; private set; }

    public IReadOnlyList<(string Name, object? Value)> Parameters { get; private set; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Text = command.CommandText;
        Parameters = [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))];
        return ValueTask.FromResult(result);
    }
}
