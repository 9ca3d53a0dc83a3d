using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// Median and 90th percentile of "event time − submission time" over the cases of a department whose
/// event falls in a period, per group, in one statement: the value at rank ⌈p·n⌉ of the group's sorted
/// durations. PostgreSQL computes it with percentile_disc; on SQLite each case gets its rank within its
/// group (ROW_NUMBER) and the group's size (COUNT OVER), and the ranks are computed with integer arithmetic
/// ((n + 1) / 2 and (9n + 9) / 10) because SQLite has no CEIL. Only the aggregated rows leave the database.
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
        // Answers are found through the time the case ended (an answered case ends at its answer): that index
        // carries the submission and answer times, so PostgreSQL reads nothing but the index.
        var range = until == Until.Answer
            ? "c.\"EndedAtUtc\" >= {1} AND c.\"EndedAtUtc\" < {2} AND c.\"AnsweredAtUtc\" IS NOT NULL"
            : "c.\"FirstResponseAtUtc\" >= {1} AND c.\"FirstResponseAtUtc\" < {2}";
        var key = groupBy == GroupBy.Dermatologist ? "COALESCE(c.\"AssignedDermatologistId\", '')" : "''";
        var seconds = DashboardSql.SecondsBetween(db.Database, "c.\"SubmittedAtUtc\"", end);
        var where = $"c.\"DepartmentId\" = {{0}} AND {range} AND c.\"SubmittedAtUtc\" IS NOT NULL";
        // PostgreSQL's percentile_disc is exactly the nearest rank (the first value whose cumulative share reaches
        // p); given both fractions at once it sorts the durations once for the two. SQLite has no ordered-set
        // aggregates, hence the window-function form there; SQL Server runs that same standard form (its own
        // PERCENTILE_DISC is a window function only, one fraction per pass).
        var sql = db.Database.IsNpgsql()
            ? $$"""
                SELECT d.g AS "GroupKey", d.n AS "CaseCount", d.p[1] AS "MedianSeconds", d.p[2] AS "P90Seconds"
                FROM (
                    SELECT {{key}} AS g, COUNT(*) AS n,
                           percentile_disc(ARRAY[0.5, 0.9]::double precision[]) WITHIN GROUP (ORDER BY {{seconds}}) AS p
                    FROM "Cases" AS c
                    WHERE {{where}}
                    GROUP BY 1
                ) AS d
                """
            : $$"""
                SELECT d.g AS "GroupKey", COUNT(*) AS "CaseCount",
                       MAX(CASE WHEN d.rn = (d.n + 1) / 2 THEN d.s END) AS "MedianSeconds",
                       MAX(CASE WHEN d.rn = (9 * d.n + 9) / 10 THEN d.s END) AS "P90Seconds"
                FROM (
                    SELECT {{key}} AS g, {{seconds}} AS s,
                           ROW_NUMBER() OVER (PARTITION BY {{key}} ORDER BY {{seconds}}) AS rn,
                           COUNT(*) OVER (PARTITION BY {{key}}) AS n
                    FROM "Cases" AS c
                    WHERE {{where}}
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
