using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Data;

/// <summary>
/// Migration 20261122100000_CaseEndings fills in when each stored case ended, its outcome and its first question to
/// the GP from the answers, transitions and messages written before it. Cases are inserted with plain SQL into the
/// schema as it was (the EF model already has the new columns), then the migration runs.
/// </summary>
public abstract class CaseEndingsMigrationTests(DatabaseProvider provider)
{
    private const string LastMigrationBefore = "20261122090100_IntakeDrafts";
    private static readonly DateTime T0 = new(2026, 10, 5, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Department = Guid.NewGuid();
    private static readonly Guid Practice = Guid.NewGuid();
    private static readonly Guid Patient = Guid.NewGuid();

    private readonly TestDatabase database = TestDatabase.Create(provider);

    [Fact]
    public async Task Stored_cases_get_their_ending_outcome_and_first_question()
    {
        var answeredAfterQuestions = Guid.NewGuid();
        var closedLegacy = Guid.NewGuid();
        var converted = Guid.NewGuid();
        var cancelled = Guid.NewGuid();
        var open = Guid.NewGuid();
        await using (var db = database.CreateDbContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(LastMigrationBefore);
            await InsertAsync(db, "Departments", new() { ["Id"] = Id(Department), ["Name"] = "Dermatology" });
            await InsertAsync(db, "Practices", new() { ["Id"] = Id(Practice), ["Name"] = "Practice" });
            await InsertAsync(db, "Patients", new()
            {
                ["Id"] = Id(Patient), ["FamilyName"] = "Old", ["GivenName"] = "Data", ["BirthDate"] = new DateOnly(1960, 1, 1), ["Sex"] = 0, ["CreatedAtUtc"] = T0,
            });
            await InsertCaseAsync(db, answeredAfterQuestions, CaseStatus.Answered, answeredAt: T0.AddHours(30));
            await InsertAsync(db, "CaseAnswers", Answer(answeredAfterQuestions, Management.ExcisionOrBiopsy, T0.AddHours(30)));
            await InsertAsync(db, "CaseMessages", Message(answeredAfterQuestions, MessageKind.Question, T0.AddHours(5)));
            await InsertAsync(db, "CaseMessages", Message(answeredAfterQuestions, MessageKind.Reply, T0.AddHours(6)));
            await InsertAsync(db, "CaseMessages", Message(answeredAfterQuestions, MessageKind.Question, T0.AddHours(8)));
            // Answered before answers carried a management, closed a day later: ends at the answer, outcome unknown.
            await InsertCaseAsync(db, closedLegacy, CaseStatus.Closed, answeredAt: T0.AddHours(10), closedAt: T0.AddHours(34));
            await InsertAsync(db, "CaseMessages", Message(closedLegacy, MessageKind.Note, T0.AddHours(2)));
            await InsertCaseAsync(db, converted, CaseStatus.ConvertedToAppointment);
            await InsertAsync(db, "CaseTransitions", Transition(converted, CaseStatus.Submitted, CaseStatus.Claimed, T0.AddHours(1)));
            await InsertAsync(db, "CaseTransitions", Transition(converted, CaseStatus.Claimed, CaseStatus.ConvertedToAppointment, T0.AddHours(3)));
            await InsertCaseAsync(db, cancelled, CaseStatus.Cancelled, closedAt: T0.AddHours(2));
            await InsertCaseAsync(db, open, CaseStatus.WaitingForGp);
            await InsertAsync(db, "CaseMessages", Message(open, MessageKind.Question, T0.AddHours(4)));

            await db.Database.MigrateAsync();
        }

        await using var read = database.CreateDbContext();
        var cases = await read.Set<TeleExpertiseCase>().AsNoTracking().ToDictionaryAsync(c => c.Id);
        Assert.Equal((T0.AddHours(30), CaseOutcome.ExcisionOrBiopsy, T0.AddHours(5)), Facts(cases[answeredAfterQuestions]));
        Assert.Equal((T0.AddHours(10), null, null), Facts(cases[closedLegacy]));
        Assert.Equal((T0.AddHours(3), CaseOutcome.InPersonVisit, null), Facts(cases[converted]));
        Assert.Equal((T0.AddHours(2), null, null), Facts(cases[cancelled]));
        Assert.Equal((null, null, T0.AddHours(4)), Facts(cases[open]));
    }

    private static (DateTime?, CaseOutcome?, DateTime?) Facts(TeleExpertiseCase c) => (c.EndedAtUtc, c.Outcome, c.FirstQuestionAtUtc);

    // SQLite stores a Guid as upper-case text (EF's convention), PostgreSQL as uuid.
    private object Id(Guid id) => provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;

    private Task InsertCaseAsync(TeleDermDbContext db, Guid id, CaseStatus status, DateTime? answeredAt = null, DateTime? closedAt = null) =>
        InsertAsync(db, "Cases", new()
        {
            ["Id"] = Id(id), ["Reference"] = "TD-" + id.ToString("N")[..8], ["PatientId"] = Id(Patient), ["SubmittedByUserId"] = "gp-1",
            ["PracticeId"] = Id(Practice), ["DepartmentId"] = Id(Department), ["Reason"] = "Stored before the migration",
            ["Questionnaire_Evolution"] = 0, ["Questionnaire_Itch"] = false, ["Questionnaire_Bleeding"] = false, ["Questionnaire_Pain"] = false,
            ["Questionnaire_Ulceration"] = false, ["Urgency"] = 0, ["PatientConsent"] = true, ["Status"] = (int)status,
            ["AssignedDermatologistId"] = "derm-1", ["CreatedAtUtc"] = T0, ["SubmittedAtUtc"] = T0, ["AnsweredAtUtc"] = answeredAt,
            ["ClosedAtUtc"] = closedAt, ["Version"] = Id(Guid.NewGuid()), ["LastActivityAtUtc"] = T0,
        });

    private Dictionary<string, object?> Answer(Guid caseId, Management management, DateTime at) => new()
    {
        ["Id"] = Id(Guid.NewGuid()), ["CaseId"] = Id(caseId), ["DermatologistUserId"] = "derm-1", ["DiagnosisCode"] = "D48.5",
        ["DiagnosisText"] = "Uncertain", ["Confidence"] = 1, ["Management"] = (int)management, ["MessageToGp"] = "Excise.", ["AnsweredAtUtc"] = at,
    };

    private Dictionary<string, object?> Message(Guid caseId, MessageKind kind, DateTime at) => new()
    {
        ["Id"] = Id(Guid.NewGuid()), ["CaseId"] = Id(caseId), ["AuthorUserId"] = "derm-1", ["Kind"] = (int)kind, ["Body"] = kind.ToString(), ["AtUtc"] = at,
    };

    private Dictionary<string, object?> Transition(Guid caseId, CaseStatus from, CaseStatus to, DateTime at) => new()
    {
        ["Id"] = Id(Guid.NewGuid()), ["CaseId"] = Id(caseId), ["From"] = (int)from, ["To"] = (int)to, ["ByUserId"] = "derm-1", ["AtUtc"] = at,
    };

    private static Task<int> InsertAsync(TeleDermDbContext db, string table, Dictionary<string, object?> values)
    {
        var present = values.Where(v => v.Value is not null).ToList();
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", present.Select(v => $"\"{v.Key}\""))}) "
            + $"VALUES ({string.Join(", ", present.Select((_, i) => $"{{{i}}}"))})";
        return db.Database.ExecuteSqlRawAsync(sql, present.Select(v => v.Value!));
    }
}

public sealed class CaseEndingsMigrationTestsOnSqlite() : CaseEndingsMigrationTests(DatabaseProvider.Sqlite);

public sealed class CaseEndingsMigrationTestsOnPostgreSql() : CaseEndingsMigrationTests(DatabaseProvider.PostgreSql);
