using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Dashboard;

/// <summary>
/// No SQL Server runs here, so the dashboard runs against one that is not there: the connection is never opened,
/// each statement is recorded and answered with no rows. Every LINQ query must translate to T-SQL (a query the
/// provider cannot translate throws before it would be sent), and the hand-written SQL must be the SQL Server form.
/// </summary>
public sealed partial class SqlServerDashboardTranslationTests
{
    [Fact]
    public async Task Every_statement_of_the_dashboard_translates_for_SQL_Server()
    {
        var recorder = new StatementRecorder();
        var options = new DbContextOptionsBuilder<TeleDermDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=nowhere.invalid;Database=teleDerm;Encrypt=True");
        options.AddInterceptors(recorder);
        var dashboard = new DepartmentDashboard(new Contexts(options.Options), new AdjustableClock(SyntheticHistory.Now), Options.Create(new ServiceLevels()));

        var figures = await dashboard.CompareAsync(Guid.NewGuid(), new DashboardPeriod(SyntheticHistory.WeekStart, SyntheticHistory.WeekEnd), new RiskBands());

        Assert.Equal(0, figures.Current.Volumes.Received);
        var statements = recorder.Statements;
        Assert.True(statements.Count >= 16, $"{statements.Count} statements:\n" + string.Join("\n---\n", statements));
        Assert.All(statements, sql => Assert.DoesNotContain("julianday", sql, StringComparison.Ordinal));
        Assert.All(statements, sql => Assert.DoesNotContain("EXTRACT(EPOCH", sql, StringComparison.Ordinal));
        // LINQ queries are T-SQL (bracketed names, TOP or OFFSET rather than LIMIT); the percentiles are the SQL Server form.
        Assert.Contains(statements, sql => sql.Contains("FROM [Cases] AS [c]", StringComparison.Ordinal));
        Assert.All(statements, sql => Assert.DoesNotContain(" LIMIT ", sql, StringComparison.Ordinal));
        Assert.Contains(statements, sql => sql.Contains("DATEDIFF_BIG(microsecond", StringComparison.Ordinal) && sql.Contains("ROW_NUMBER() OVER", StringComparison.Ordinal));
    }

    private sealed class Contexts(DbContextOptions<TeleDermDbContext> options) : IDbContextFactory<TeleDermDbContext>
    {
        public TeleDermDbContext CreateDbContext() => new(options);
    }

    /// <summary>Never opens the connection; records each statement and answers it with an empty result.</summary>
    private sealed partial class StatementRecorder : DbCommandInterceptor, IDbConnectionInterceptor
    {
        private readonly List<string> statements = [];

        public IReadOnlyList<string> Statements
        {
            get { lock (statements) return [.. statements]; }
        }

        private InterceptionResult<DbDataReader> Empty(DbCommand command)
        {
            lock (statements) statements.Add(command.CommandText);
            // Hand-written SQL is read by column name: the empty result names the columns its aliases declare.
            var table = new DataTable();
            foreach (var alias in Aliases().Matches(command.CommandText).Select(m => m.Groups[1].Value).Distinct())
                table.Columns.Add(alias, typeof(object));
            return InterceptionResult<DbDataReader>.SuppressWithResult(table.CreateDataReader());
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"AS ""(\w+)""")]
        private static partial System.Text.RegularExpressions.Regex Aliases();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Empty(command);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Empty(command));

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());
    }
}
