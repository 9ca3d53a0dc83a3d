// Worklist benchmark: N submitted cases spread over 4 departments in a real PostgreSQL (started from
// Debian's binaries by the test fixture), then the first worklist page of one department timed through
// TeleDerm's own query (EF Core, Worklist.PageAsync) and as the bare SQL that query sends (Npgsql, same
// parameters), in the same run. Prints p50/p95 and the ratio. usage: [CASES] [RUNS]
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

var caseCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;

var database = TestDatabase.CreateMigrated(DatabaseProvider.PostgreSql);
var departments = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
var clock = TimeProvider.System;
var now = clock.GetUtcNow().UtcDateTime;
var random = new Random(42);
var levels = new ServiceLevels();

var load = Stopwatch.StartNew();
await using (var connection = new NpgsqlConnection(database.ConnectionString))
{
    await connection.OpenAsync();
    var patientCount = caseCount / 3 + 1;
    var patients = Enumerable.Range(0, patientCount).Select(_ => Guid.NewGuid()).ToArray();
    await using (var copy = await connection.BeginBinaryImportAsync(
        "COPY \"Patients\" (\"Id\", \"FamilyName\", \"GivenName\", \"BirthDate\", \"Sex\", \"CreatedAtUtc\") FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var id in patients)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(id, NpgsqlDbType.Uuid);
            await copy.WriteAsync("Patient", NpgsqlDbType.Varchar);
            await copy.WriteAsync("Bench", NpgsqlDbType.Varchar);
            await copy.WriteAsync(new DateOnly(1930, 1, 1).AddDays(random.Next(0, 30000)), NpgsqlDbType.Date);
            await copy.WriteAsync(random.Next(0, 2), NpgsqlDbType.Integer);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }
        await copy.CompleteAsync();
    }
    await using (var copy = await connection.BeginBinaryImportAsync(
        "COPY \"Cases\" (\"Id\", \"Reference\", \"PatientId\", \"SubmittedByUserId\", \"PracticeId\", \"DepartmentId\", \"Reason\", " +
        "\"Questionnaire_Evolution\", \"Questionnaire_Itch\", \"Questionnaire_Bleeding\", \"Questionnaire_Pain\", \"Questionnaire_Ulceration\", " +
        "\"Urgency\", \"PatientConsent\", \"Status\", \"AssignedDermatologistId\", \"CreatedAtUtc\", \"SubmittedAtUtc\", \"MaxRisk\", " +
        "\"ServiceDueAtUtc\", \"PriorityDueAtUtc\", \"Version\", \"LastActivityAtUtc\") FROM STDIN (FORMAT BINARY)"))
    {
        CaseStatus[] statuses = [CaseStatus.Submitted, CaseStatus.Submitted, CaseStatus.Claimed, CaseStatus.InReview, CaseStatus.WaitingForGp, CaseStatus.Answered, CaseStatus.Closed];
        for (var i = 0; i < caseCount; i++)
        {
            var urgency = (Urgency)random.Next(0, 3);
            var submitted = now - TimeSpan.FromMinutes(random.Next(0, 60 * 24 * 60));
            double? risk = random.NextDouble() < 0.1 ? null : random.NextDouble();
            var status = statuses[random.Next(statuses.Length)];
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync($"TD-{i:X6}", NpgsqlDbType.Varchar);
            await copy.WriteAsync(patients[random.Next(patients.Length)], NpgsqlDbType.Uuid);
            await copy.WriteAsync($"gp-{random.Next(0, 200)}", NpgsqlDbType.Varchar);
            await copy.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
            await copy.WriteAsync(departments[random.Next(departments.Length)], NpgsqlDbType.Uuid);
            await copy.WriteAsync("Benchmark lesion", NpgsqlDbType.Varchar);
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            foreach (var _ in Enumerable.Range(0, 4))
            {
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
            }
            await copy.WriteAsync((int)urgency, NpgsqlDbType.Integer);
            await copy.WriteAsync(true, NpgsqlDbType.Boolean);
            await copy.WriteAsync((int)status, NpgsqlDbType.Integer);
            if (status is CaseStatus.Submitted)
            {
                await copy.WriteNullAsync();
            }
            else
            {
                await copy.WriteAsync($"derm-{random.Next(0, 20)}", NpgsqlDbType.Varchar);
            }
            await copy.WriteAsync(submitted, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(submitted, NpgsqlDbType.TimestampTz);
            if (risk is { } r)
            {
                await copy.WriteAsync(r, NpgsqlDbType.Double);
            }
            else
            {
                await copy.WriteNullAsync();
            }
            await copy.WriteAsync(TriagePriority.ServiceDue(submitted, urgency, levels), NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(TriagePriority.PriorityDue(submitted, urgency, risk, levels), NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(submitted, NpgsqlDbType.TimestampTz);
        }
        await copy.CompleteAsync();
    }
    await using var analyze = new NpgsqlCommand("ANALYZE", connection);
    await analyze.ExecuteNonQueryAsync();
}
Console.WriteLine($"loaded {caseCount} cases in {load.Elapsed.TotalSeconds:F1} s");

var worklist = new Worklist(database, clock);
var department = departments[0];
var filter = new WorklistFilter();
var bands = new RiskBands();

// The SQL EF sends for the first page and the count, captured once, then run bare with the same parameter values.
string pageSql, countSql;
await using (var db = database.CreateDbContext())
{
    (countSql, pageSql) = CaptureSql(db, department, CaseLifecycle.OpenStatuses);
}
countSql = "SELECT count(*) FROM (" + StripParameterDeclarations(countSql) + ") AS q";
pageSql = StripParameterDeclarations(pageSql);

Task<double[]> TimeAsync(Func<Task> run) => BenchmarkTimer.TimeAsync(run, runs, warmUp: 10);

var ours = await TimeAsync(() => worklist.PageAsync(department, "derm-1", filter, bands, 0, 25));
await using var bare = new NpgsqlConnection(database.ConnectionString);
await bare.OpenAsync();
var sql = await TimeAsync(async () =>
{
    foreach (var text in new[] { countSql, pageSql })
    {
        await using var command = new NpgsqlCommand(text, bare);
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("open", CaseLifecycle.OpenStatuses.Select(s => (int)s).ToArray());
        command.Parameters.AddWithValue("p", 25);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }
});

static double P(double[] sorted, double q) => BenchmarkTimer.Percentile(sorted, q);
Console.WriteLine($"cases={caseCount} runs={runs} (first page of 25, one of 4 departments, open cases ~{caseCount * 4 / 7 / 4})");
Console.WriteLine($"TeleDerm Worklist.PageAsync   p50 {P(ours, 0.5):F2} ms  p95 {P(ours, 0.95):F2} ms");
Console.WriteLine($"bare SQL (count + page)        p50 {P(sql, 0.5):F2} ms  p95 {P(sql, 0.95):F2} ms");
Console.WriteLine($"ratio ours/bare                p50 {P(ours, 0.5) / P(sql, 0.5):F2}  p95 {P(ours, 0.95) / P(sql, 0.95):F2}");

static (string Count, string Page) CaptureSql(TeleDermDbContext db, Guid department, CaseStatus[] open)
{
    var query = db.Set<TeleExpertiseCase>().AsNoTracking().Where(c => c.DepartmentId == department && open.Contains(c.Status));
    var count = query.Select(c => c.Id).ToQueryString();
    var page = query.OrderBy(c => c.PriorityDueAtUtc).ThenBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id).Take(25)
        .Select(c => new { c.Id, c.Reference, c.Patient!.BirthDate, c.Patient.Sex, LesionCount = c.Lesions.Count, ImageCount = db.Set<LesionImage>().Count(i => i.CaseId == c.Id), c.MaxRisk, c.Urgency, c.Status, c.SubmittedAtUtc, c.ServiceDueAtUtc, c.PriorityDueAtUtc, c.AssignedDermatologistId })
        .ToQueryString();
    return (count, page);
}

// EF's ToQueryString prefixes "-- @name='value'" comments and uses @name placeholders; keep the SQL, rename to our parameters.
static string StripParameterDeclarations(string sql)
{
    var lines = sql.Split('\n').Where(l => !l.StartsWith("-- @", StringComparison.Ordinal) && !l.StartsWith("-- ", StringComparison.Ordinal)).ToList();
    var text = string.Join('\n', lines);
    text = System.Text.RegularExpressions.Regex.Replace(text, @"@\w*department\w*", "@department");
    text = System.Text.RegularExpressions.Regex.Replace(text, @"@\w*open\w*", "@open");
    text = System.Text.RegularExpressions.Regex.Replace(text, @"@(__)?p(_\d+)?\b", "@p");
    return text;
}
