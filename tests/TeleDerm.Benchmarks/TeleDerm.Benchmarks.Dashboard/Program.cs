// Dashboard benchmark: N cases over two years in 4 departments, generated inside a real PostgreSQL (started
// from Debian's binaries by the test fixture) with generate_series, with their answers, claim and conversion
// transitions and questions to the GP, in the schema as it was before migration 20261122100000_CaseEndings; then
// that migration runs (timed: what an upgrade costs at this size) and fills in each case's ending, outcome and
// first question. Then every statement of one department's dashboard is timed through TeleDerm's own queries, for
// the last 30 and 365 days, beside a reference measured in the same run: a plain COUNT(*) of the department's cases
// received in the period. Then the 30-day page again with plain indexes (no INCLUDE columns) and with none.
// Prints p50/p95 per statement and ratios. usage: [CASES] [RUNS] [explain]
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;
using TeleDerm.Benchmarks.Dashboard;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

var caseCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
// "explain" as third argument: print each statement with its EXPLAIN ANALYZE plan first.
var explainPlans = args.Length > 2 && args[2] == "explain";
var now = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);
var clock = new AdjustableClock(new DateTimeOffset(now));
var department = Guid.Parse("00000000-0000-4000-8000-000000000000");
var levels = new ServiceLevels();

var database = TestDatabase.Create(DatabaseProvider.PostgreSql);
await using (var db = database.CreateDbContext())
{
    await SchemaMigrations.MigrateAsync(db);
}
var load = Stopwatch.StartNew();
await ExecuteAsync(GenerateSql(caseCount, now));
Console.WriteLine($"generated {caseCount:N0} cases (with answers, transitions and questions) in {load.Elapsed.TotalSeconds:F1} s");
var backfill = Stopwatch.StartNew();
await using (var db = database.CreateDbContext())
{
    db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
    await db.Database.ExecuteSqlRawAsync(CaseEndingsBackfill.Statement());
}
Console.WriteLine($"fill in endings, outcomes, first questions (what migration CaseEndings did): {backfill.Elapsed.TotalSeconds:F1} s");
// What autovacuum does on a live server: the visibility map lets PostgreSQL answer from the index alone.
await ExecuteAsync(["VACUUM ANALYZE"]);
await PrintCountsAsync();

var bands = new RiskBands();
var month = new DashboardPeriod(now.AddDays(-30), now);
var year = new DashboardPeriod(now.AddDays(-365), now);
if (explainPlans)
{
    var options = new DbContextOptionsBuilder<TeleDermDbContext>();
    DatabaseSetup.Configure(options, DatabaseProvider.PostgreSql, database.ConnectionString);
    options.AddInterceptors(new ExplainingInterceptor());
    await using var explained = new TeleDermDbContext(options.Options);
    foreach (var (label, period) in new[] { ("last 30 days", month), ("last 365 days", year) })
    {
        Console.WriteLine($"## Plans, {label}");
        foreach (var (_, run) in Statements(period))
        {
            await run(explained);
        }
    }
}
var dashboard = new DepartmentDashboard(database, clock, Options.Create(levels));

Console.WriteLine();
Console.WriteLine($"PostgreSQL, {caseCount:N0} cases, one department of 4 (~{caseCount / 4:N0} cases), {runs} runs per statement after 3 warm-up runs");
foreach (var (label, period) in new[] { ("last 30 days", month), ("last 365 days", year) })
{
    await MeasureAsync(label, period, everyStatement: true);
}

const string CoveringIndexes = "\"IX_Cases_DepartmentId_SubmittedAtUtc\", \"IX_Cases_DepartmentId_FirstResponseAtUtc\", \"IX_Cases_DepartmentId_EndedAtUtc\"";
await ExecuteAsync([
    $"DROP INDEX {CoveringIndexes}",
    "CREATE INDEX \"IX_Cases_DepartmentId_SubmittedAtUtc\" ON \"Cases\" (\"DepartmentId\", \"SubmittedAtUtc\")",
    "CREATE INDEX \"IX_Cases_DepartmentId_FirstResponseAtUtc\" ON \"Cases\" (\"DepartmentId\", \"FirstResponseAtUtc\")",
    "CREATE INDEX \"IX_Cases_DepartmentId_EndedAtUtc\" ON \"Cases\" (\"DepartmentId\", \"EndedAtUtc\")",
    "ANALYZE",
]);
await MeasureAsync("last 30 days, with the same indexes WITHOUT their INCLUDE columns", month, everyStatement: false);
await MeasureAsync("last 365 days, with the same indexes WITHOUT their INCLUDE columns", year, everyStatement: false);
await ExecuteAsync([$"DROP INDEX {CoveringIndexes}", "ANALYZE"]);
await MeasureAsync("last 30 days, WITHOUT the dashboard's indexes", month, everyStatement: false);

// Each statement the page runs for one period, as the page runs it (a fresh DbContext each time).
(string Name, Func<TeleDermDbContext, Task> Run)[] Statements(DashboardPeriod period) =>
[
    ("received: count, per practice, risk distribution", db => ReceivedQuery.ComputeAsync(db, department, period, default)),
    ("ended: answered, converted, cancelled; outcomes by risk band; asked the GP", db => OutcomeQuery.ComputeAsync(db, department, period, bands, default)),
    ("answered per urgency and dermatologist (service level, workload)", db => ServiceLevelQuery.AnswerCountsAsync(db, department, period, default)),
    ("answered per practice", db => WorkloadQuery.AnsweredPerPracticeAsync(db, department, period, default)),
    ("time to first response (median, p90)", db => DurationPercentiles.ComputeAsync(db, department, period, DurationPercentiles.Until.FirstResponse, DurationPercentiles.GroupBy.All, default)),
    ("time to answer (median, p90)", db => DurationPercentiles.ComputeAsync(db, department, period, DurationPercentiles.Until.Answer, DurationPercentiles.GroupBy.All, default)),
    ("time to answer per dermatologist", db => DurationPercentiles.ComputeAsync(db, department, period, DurationPercentiles.Until.Answer, DurationPercentiles.GroupBy.Dermatologist, default)),
    ("backlog by age at the period's end", db => CaseFlowQuery.BacklogAsync(db, department, period.BacklogAt(now), default)),
];

async Task MeasureAsync(string label, DashboardPeriod period, bool everyStatement)
{
    await using var bare = new NpgsqlConnection(database.ConnectionString);
    await bare.OpenAsync();
    var reference = await TimeAsync(async () =>
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM \"Cases\" WHERE \"DepartmentId\" = @d AND \"SubmittedAtUtc\" >= @from AND \"SubmittedAtUtc\" < @to", bare);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("from", period.FromUtc);
        command.Parameters.AddWithValue("to", period.ToUtc);
        await command.ExecuteScalarAsync();
    });
    Console.WriteLine();
    Console.WriteLine($"### {label}");
    Console.WriteLine("| statement | p50 ms | p95 ms | p50 / reference |");
    Console.WriteLine("| --- | ---: | ---: | ---: |");
    Console.WriteLine($"| reference: bare COUNT(*) of cases received (Npgsql) | {P(reference, 0.5):F2} | {P(reference, 0.95):F2} | 1.0 |");
    if (everyStatement)
    {
        foreach (var (name, run) in Statements(period))
        {
            var times = await TimeAsync(async () =>
            {
                await using var db = database.CreateDbContext();
                await run(db);
            });
            Console.WriteLine($"| {name} | {P(times, 0.5):F2} | {P(times, 0.95):F2} | {P(times, 0.5) / P(reference, 0.5):F1} |");
        }
    }
    var one = await TimeAsync(() => dashboard.ComputeAsync(department, period, bands));
    Console.WriteLine($"| every figure of the period (one connection, statements in turn) | {P(one, 0.5):F2} | {P(one, 0.95):F2} | {P(one, 0.5) / P(reference, 0.5):F1} |");
    var whole = await TimeAsync(() => dashboard.CompareAsync(department, period, bands));
    Console.WriteLine($"| whole page: this period and the previous one, side by side | {P(whole, 0.5):F2} | {P(whole, 0.95):F2} | {P(whole, 0.5) / P(reference, 0.5):F1} |");
}

async Task ExecuteAsync(IEnumerable<string> statements)
{
    await using var connection = new NpgsqlConnection(database.ConnectionString);
    await connection.OpenAsync();
    foreach (var statement in statements)
    {
        await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}

Task<double[]> TimeAsync(Func<Task> run) => BenchmarkTimer.TimeAsync(run, runs);

async Task PrintCountsAsync()
{
    await using var connection = new NpgsqlConnection(database.ConnectionString);
    await connection.OpenAsync();
    foreach (var table in new[] { "Cases", "CaseAnswers", "CaseTransitions", "CaseMessages" })
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        Console.WriteLine($"  {table}: {(long)(await command.ExecuteScalarAsync())!:N0} rows");
    }
}

static double P(double[] sorted, double q) => BenchmarkTimer.Percentile(sorted, q);

// The history, generated by the server itself. Cases are submitted uniformly over two years; urgency 55 %
// routine, 30 % soon, 15 % urgent; 90 % scored, risk skewed low. A case is decided 1 h to ~10 days after
// submission (exp(U·5.5) hours); if that is still in the future it is open now. Decided: 5 % converted to a
// visit, 3 % cancelled, the rest answered (60 % of them closed since). 15 % of answered cases
// first asked the GP a question. Management is drawn with excision/biopsy and urgent visits likelier at high risk.
static IEnumerable<string> GenerateSql(int cases, DateTime now)
{
    var nowSql = $"timestamptz '{now:yyyy-MM-dd HH:mm:ss}+00'";
    yield return "SELECT setseed(0.42)";
    yield return "INSERT INTO \"Departments\" (\"Id\", \"Name\") SELECT ('00000000-0000-4000-8000-00000000000' || d)::uuid, 'Bench dermatology ' || d FROM generate_series(0, 3) d";
    yield return "INSERT INTO \"Practices\" (\"Id\", \"Name\") SELECT ('00000000-0000-4000-9000-' || lpad(p::text, 12, '0'))::uuid, 'Bench practice ' || p FROM generate_series(0, 199) p";
    var patients = cases / 3 + 1;
    yield return $"""
        INSERT INTO "Patients" ("Id", "FamilyName", "GivenName", "BirthDate", "Sex", "CreatedAtUtc")
        SELECT md5('p' || i)::uuid, 'Patient', 'Bench', date '1930-01-01' + (i % 30000), i % 2, {nowSql}
        FROM generate_series(0, {patients - 1}) i
        """;
    yield return $"""
        INSERT INTO "Cases" ("Id", "Reference", "PatientId", "SubmittedByUserId", "PracticeId", "DepartmentId", "Reason",
            "Questionnaire_Evolution", "Questionnaire_Itch", "Questionnaire_Bleeding", "Questionnaire_Pain", "Questionnaire_Ulceration",
            "Urgency", "PatientConsent", "Status", "AssignedDermatologistId", "CreatedAtUtc", "SubmittedAtUtc", "ClaimedAtUtc",
            "FirstResponseAtUtc", "AnsweredAtUtc", "ClosedAtUtc", "MaxRisk", "ServiceDueAtUtc", "PriorityDueAtUtc", "Version", "LastActivityAtUtc")
        SELECT md5('c' || i)::uuid, 'TD-' || lpad(upper(to_hex(i)), 8, '0'), md5('p' || (i % {patients}))::uuid, 'gp-' || (i % 800),
            ('00000000-0000-4000-9000-' || lpad((i % 200)::text, 12, '0'))::uuid, ('00000000-0000-4000-8000-00000000000' || (i % 4))::uuid,
            'Benchmark lesion', 0, false, false, false, false,
            a.urgency, true, s.status,
            CASE WHEN s.status IN (1, 7) THEN NULL ELSE 'derm-' || (i % 4) || '-' || floor(r.rd * 10)::int END,
            a.submitted, a.submitted,
            CASE WHEN s.status IN (1, 7) THEN NULL ELSE a.submitted END,
            CASE WHEN s.status IN (1, 2, 3, 7) THEN NULL
                 WHEN s.status = 4 THEN LEAST(a.submitted + interval '1 hour', {nowSql})
                 WHEN r.rq < 0.15 AND s.status IN (5, 6) THEN a.submitted + (d.decided - a.submitted) * 0.3
                 ELSE d.decided END,
            CASE WHEN s.status IN (5, 6) THEN d.decided END,
            CASE WHEN s.status = 7 THEN d.decided WHEN s.status = 6 THEN LEAST(d.decided + interval '1 day', {nowSql}) END,
            a.risk,
            a.submitted + a.target,
            a.submitted + a.target * (1 - 0.5 * COALESCE(a.risk, 0.5)),
            md5('v' || i)::uuid,
            LEAST(d.decided, {nowSql})
        FROM generate_series(1, {cases}) AS i
        CROSS JOIN LATERAL (SELECT random() AS ru, random() AS rs, random() AS rr, random() AS ro, random() AS rt, random() AS rq, random() AS rd, i AS k) r
        CROSS JOIN LATERAL (SELECT
            CASE WHEN r.ru < 0.15 THEN 2 WHEN r.ru < 0.45 THEN 1 ELSE 0 END AS urgency,
            {nowSql} - (r.rs * 730) * interval '1 day' AS submitted,
            CASE WHEN r.rr < 0.1 THEN NULL ELSE power((r.rr - 0.1) / 0.9, 2) END AS risk,
            CASE WHEN r.ru < 0.15 THEN interval '24 hours' WHEN r.ru < 0.45 THEN interval '72 hours' ELSE interval '7 days' END AS target) a
        CROSS JOIN LATERAL (SELECT a.submitted + exp(r.rt * 5.5) * interval '1 hour' AS decided) d
        CROSS JOIN LATERAL (SELECT CASE
            WHEN d.decided >= {nowSql} THEN (CASE WHEN r.ro < 0.4 THEN 1 WHEN r.ro < 0.6 THEN 2 WHEN r.ro < 0.85 THEN 3 ELSE 4 END)
            WHEN r.ro < 0.05 THEN 8 WHEN r.ro < 0.08 THEN 7 WHEN r.rd < 0.6 THEN 6 ELSE 5 END AS status) s
        """;
    yield return """
        INSERT INTO "CaseAnswers" ("Id", "CaseId", "DermatologistUserId", "DiagnosisCode", "DiagnosisText", "Confidence", "Management", "MessageToGp", "AnsweredAtUtc")
        SELECT md5('a' || c."Reference")::uuid, c."Id", c."AssignedDermatologistId", 'L82', 'Benchmark', 1,
            CASE WHEN m.x < COALESCE(c."MaxRisk", 0.3) * 0.4 THEN 6
                 WHEN m.x < COALESCE(c."MaxRisk", 0.3) * 0.4 + 0.05 THEN 5
                 WHEN m.x < COALESCE(c."MaxRisk", 0.3) * 0.4 + 0.2 THEN 4
                 ELSE floor(m.y * 4)::int END,
            'Benchmark answer', c."AnsweredAtUtc"
        FROM "Cases" c CROSS JOIN LATERAL (SELECT random() AS x, random() AS y, c."Id" AS k) m
        WHERE c."Status" IN (5, 6)
        """;
    yield return """
        INSERT INTO "CaseTransitions" ("Id", "CaseId", "From", "To", "ByUserId", "AtUtc")
        SELECT md5('t' || c."Reference")::uuid, c."Id", 1, 2, c."AssignedDermatologistId", c."ClaimedAtUtc"
        FROM "Cases" c WHERE c."ClaimedAtUtc" IS NOT NULL
        """;
    yield return """
        INSERT INTO "CaseTransitions" ("Id", "CaseId", "From", "To", "ByUserId", "AtUtc")
        SELECT md5('x' || c."Reference")::uuid, c."Id", 3, 8, c."AssignedDermatologistId", c."FirstResponseAtUtc"
        FROM "Cases" c WHERE c."Status" = 8
        """;
    yield return """
        INSERT INTO "CaseMessages" ("Id", "CaseId", "AuthorUserId", "Kind", "Body", "AtUtc")
        SELECT md5('q' || c."Reference")::uuid, c."Id", c."AssignedDermatologistId", 0, 'Could you send a sharper dermoscopic photo?', c."FirstResponseAtUtc"
        FROM "Cases" c WHERE c."Status" = 4 OR (c."Status" IN (5, 6) AND c."FirstResponseAtUtc" < c."AnsweredAtUtc")
        """;
    yield return "ANALYZE";
}

