using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// The little SQL the dashboard writes by hand, where EF Core cannot express it (percentiles need window
/// functions; durations need date arithmetic, which SQLite's EF provider does not translate). Everything
/// else is LINQ. The statements are the same on every provider except the duration expression, the
/// percentile form (see <c>DurationPercentiles</c>) and the way a Guid is bound (SQLite stores it as
/// upper-case TEXT; PostgreSQL and SQL Server as uuid / uniqueidentifier). Identifiers are double-quoted,
/// which SQL Server reads as identifiers too (QUOTED_IDENTIFIER is on for every SqlClient connection).
/// </summary>
internal static class DashboardSql
{
    /// <summary>Seconds from one timestamp column to another, as a double.</summary>
    public static string SecondsBetween(DatabaseFacade database, string startColumn, string endColumn)
    {
        if (database.IsNpgsql())
            return $"CAST(EXTRACT(EPOCH FROM ({endColumn} - {startColumn})) AS double precision)";
        if (database.IsSqlServer())
            return $"(CAST(DATEDIFF_BIG(microsecond, {startColumn}, {endColumn}) AS float) / 1000000.0)";
        return $"((julianday({endColumn}) - julianday({startColumn})) * 86400.0)";
    }

    public static object Guid(DatabaseFacade database, Guid value) => database.IsSqlite() ? value.ToString().ToUpperInvariant() : value;
}
