using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

/// <summary>
/// Before each query EF sends, runs EXPLAIN (ANALYZE, BUFFERS) of the same statement with the same parameters
/// on the same connection and prints the plan: how the benchmark shows which index each figure uses.
/// </summary>
internal sealed class ExplainingInterceptor : DbCommandInterceptor
{
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + command.CommandText, (NpgsqlConnection)command.Connection!);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }
        Console.WriteLine("    " + command.CommandText.Replace("\n", "\n    ", StringComparison.Ordinal));
        await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Console.WriteLine("      | " + reader.GetString(0));
            }
        }
        Console.WriteLine();
        return result;
    }
}
