using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// Median and 90th percentile of "event time − submission time" over the cases of a department whose
/// event falls in a period, per group, in one statement: each case gets its rank within its group
/// (ROW_NUMBER) and the group's size (COUNT OVER); the percentile is the row at rank ⌈p·n⌉, computed with
/// integer arithmetic ((n + 1) / 2 and (9n + 9) / 10) so that SQLite, which has no CEIL, gives the same
/// answer as PostgreSQL. Only the aggregated rows leave the database.
/// </summary>
internal static class DurationPercentiles
{
    /// <summary>The timestamp columns of Cases that a duration may end at.</summary>
    public enum Until
    {
        FirstResponse,
        Answer,
    }

    /// <summary>Groups: everything together, or per assigned dermatologist.</summary>
    public enum GroupBy
    {
        All,
        Dermatologist,
    }

    // The result shape of the statement; EF maps columns by name.
    internal sealed class Row
    {
        public string GroupKey { get; set; } = "";
        public long CaseCount { get; set; }
        public double? MedianSeconds { get; set; }
        public double? P90Seconds { get; set; }
    }

    public static async Task<IReadOnlyDictionary<string, DurationStats>> ComputeAsync(TeleDermDbContext db, Guid departmentId,
        DashboardPeriod period, Until until, GroupBy groupBy, CancellationToken cancellationToken)
    {
        var end = until == Until.Answer ? "c.\"AnsweredAtUtc\"" : "c.\"FirstResponseAtUtc\"";
        var key = groupBy == GroupBy.Dermatologist ? "COALESCE(c.\"AssignedDermatologistId\", '')" : "''";
        var seconds = DashboardSql.SecondsBetween(db.Database, "c.\"SubmittedAtUtc\"", end);
        var sql = $$"""
            SELECT d.g AS "GroupKey", COUNT(*) AS "CaseCount",
                   MAX(CASE WHEN d.rn = (d.n + 1) / 2 THEN d.s END) AS "MedianSeconds",
                   MAX(CASE WHEN d.rn = (9 * d.n + 9) / 10 THEN d.s END) AS "P90Seconds"
            FROM (
                SELECT {{key}} AS g, {{seconds}} AS s,
                       ROW_NUMBER() OVER (PARTITION BY {{key}} ORDER BY {{seconds}}) AS rn,
                       COUNT(*) OVER (PARTITION BY {{key}}) AS n
                FROM "Cases" AS c
                WHERE c."DepartmentId" = {0} AND {{end}} >= {1} AND {{end}} < {2} AND c."SubmittedAtUtc" IS NOT NULL
            ) AS d
            GROUP BY d.g
            """;
        var rows = await db.Database
            .SqlQueryRaw<Row>(sql, DashboardSql.Guid(db.Database, departmentId), period.FromUtc, period.ToUtc)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.GroupKey, r => new DurationStats((int)r.CaseCount, Seconds(r.MedianSeconds), Seconds(r.P90Seconds)));
    }

    // Stored times carry at most microseconds; durations are shown in minutes: whole seconds are exact enough
    // and hide the floating-point residue of SQLite's julianday arithmetic.
    private static TimeSpan? Seconds(double? value) => value is { } s ? TimeSpan.FromSeconds(Math.Round(s)) : null;
}
