using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;

namespace TeleDerm.Benchmarks.Dashboard;

/// <summary>
/// What the hand-written migration CaseEndings (2026-11-22) did to stored cases, kept for this benchmark: the
/// generated cases are written the way cases were stored before it, then filled in here.
/// </summary>
internal static class CaseEndingsBackfill
{
    /// <summary>
    /// The same facts <see cref="CaseLifecycle"/> and <see cref="CaseOutcomes.Record"/> record from now on, derived
    /// from what was stored before: an answered case ended at its answer with its answer's outcome, a converted one
    /// at its conversion transition as an in-person visit, a cancelled one at its cancellation. One UPDATE, so that
    /// PostgreSQL writes each row once; the outcome of each management is written out from
    /// <see cref="CaseOutcomes.Of(Management)"/> so the rule lives in one place.
    /// </summary>
    public static string Statement()
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
}
