using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>
/// Records on each case when it ended (answered, converted to an appointment, cancelled), its outcome and when
/// the GP was first asked a question, and fills them in for the cases already stored from their answers,
/// transitions and messages. The department dashboard then counts decisions, outcomes and the backlog from
/// one (department, ended) index that carries every column it reads (PostgreSQL INCLUDE), instead of searching
/// answers, messages and transitions per case: 0.9 s → a few ms for one month of a million-case database
/// (docs/benchmarks.md). The transitions index that searched conversions is no longer used and goes.
/// </summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122100000_CaseEndings")]
public sealed class CaseEndings : Migration
{
    private const string Include = "Npgsql:IndexInclude";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>("EndedAtUtc", "Cases", nullable: true);
        migrationBuilder.AddColumn<int>("Outcome", "Cases", nullable: true);
        migrationBuilder.AddColumn<DateTime>("FirstQuestionAtUtc", "Cases", nullable: true);
        // The old indexes go before the cases are filled in (fewer indexes to update row by row), the new ones after.
        migrationBuilder.DropIndex("IX_CaseTransitions_To_AtUtc", "CaseTransitions");
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_AnsweredAtUtc", "Cases");
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_SubmittedAtUtc", "Cases");
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_FirstResponseAtUtc", "Cases");
        migrationBuilder.Sql(BackfillStatement());
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_SubmittedAtUtc", "Cases", ["DepartmentId", "SubmittedAtUtc"])
            .Annotation(Include, new[] { "PracticeId", "MaxRisk" });
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_FirstResponseAtUtc", "Cases", ["DepartmentId", "FirstResponseAtUtc"])
            .Annotation(Include, new[] { "SubmittedAtUtc" });
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_EndedAtUtc", "Cases", ["DepartmentId", "EndedAtUtc"])
            .Annotation(Include, new[]
            {
                "SubmittedAtUtc", "AnsweredAtUtc", "Status", "Urgency", "ServiceDueAtUtc", "AssignedDermatologistId", "PracticeId", "MaxRisk",
                "Outcome", "FirstQuestionAtUtc",
            });
    }

    /// <summary>
    /// The same facts <see cref="CaseLifecycle"/> and <see cref="CaseOutcomes.Record"/> record from now on, derived
    /// from what was stored before: an answered case ended at its answer with its answer's outcome, a converted one
    /// at its conversion transition as an in-person visit, a cancelled one at its cancellation. One UPDATE, so that
    /// PostgreSQL writes each row once (measured: about a minute for a million cases). Plain SQL that SQLite and
    /// PostgreSQL both run; the outcome of each management is written out from <see cref="CaseOutcomes.Of(Management)"/>
    /// so the rule lives in one place.
    /// </summary>
    internal static string BackfillStatement()
    {
        var outcomeOfManagement = "CASE a.\"Management\" "
            + string.Concat(Enum.GetValues<Management>().Select(m => $"WHEN {(int)m} THEN {(int)CaseOutcomes.Of(m)} "))
            + "END";
        var firstQuestion = $"""
            SELECT MIN(m."AtUtc") FROM "CaseMessages" AS m WHERE m."CaseId" = "Cases"."Id" AND m."Kind" = {(int)MessageKind.Question}
            """;
        return $"""
            UPDATE "Cases" SET
                "EndedAtUtc" = CASE
                    WHEN "AnsweredAtUtc" IS NOT NULL THEN "AnsweredAtUtc"
                    WHEN "Status" = {(int)CaseStatus.Cancelled} THEN "ClosedAtUtc"
                    WHEN "Status" = {(int)CaseStatus.ConvertedToAppointment} THEN (SELECT MAX(t."AtUtc") FROM "CaseTransitions" AS t
                        WHERE t."CaseId" = "Cases"."Id" AND t."To" = {(int)CaseStatus.ConvertedToAppointment})
                    END,
                "Outcome" = CASE
                    WHEN "Status" = {(int)CaseStatus.ConvertedToAppointment} THEN {(int)CaseOutcome.InPersonVisit}
                    WHEN "AnsweredAtUtc" IS NOT NULL THEN (SELECT {outcomeOfManagement} FROM "CaseAnswers" AS a WHERE a."CaseId" = "Cases"."Id")
                    END,
                "FirstQuestionAtUtc" = ({firstQuestion})
            WHERE "AnsweredAtUtc" IS NOT NULL
                OR "Status" IN ({(int)CaseStatus.Cancelled}, {(int)CaseStatus.ConvertedToAppointment})
                OR EXISTS ({firstQuestion})
            """;
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_EndedAtUtc", "Cases");
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_FirstResponseAtUtc", "Cases");
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_SubmittedAtUtc", "Cases");
        migrationBuilder.DropColumn("FirstQuestionAtUtc", "Cases");
        migrationBuilder.DropColumn("Outcome", "Cases");
        migrationBuilder.DropColumn("EndedAtUtc", "Cases");
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_SubmittedAtUtc", "Cases", ["DepartmentId", "SubmittedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_FirstResponseAtUtc", "Cases", ["DepartmentId", "FirstResponseAtUtc"]);
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_AnsweredAtUtc", "Cases", ["DepartmentId", "AnsweredAtUtc"]);
        migrationBuilder.CreateIndex("IX_CaseTransitions_To_AtUtc", "CaseTransitions", ["To", "AtUtc"]);
    }
}
