using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// The little SQL the dashboard writes by hand, where EF Core cannot express it (percentiles need window
/// functions; durations need date arithmetic, which SQLite's EF provider does not translate). Everything
/// else is LINQ. The statement text is the same on both providers except the duration expression and the
/// way a Guid is bound (SQLite stores it as upper-case TEXT, PostgreSQL as uuid).
/// </summary>
internal static class DashboardSql
{
    /// <summary>Seconds from one timestamp column to another, as a double.</summary>
    public static string SecondsBetween(DatabaseFacade database, string startColumn, string endColumn) => database.IsNpgsql()
        ? $"CAST(EXTRACT(EPOCH FROM ({endColumn} - {startColumn})) AS double precision)"
        : $"((julianday({endColumn}) - julianday({startColumn})) * 86400.0)";

    public static object Guid(DatabaseFacade database, Guid value) => database.IsNpgsql() ? value : value.ToString().ToUpperInvariant();
}
