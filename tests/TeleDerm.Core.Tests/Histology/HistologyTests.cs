using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Histology;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Histology;

/// <summary>
/// Histology closes the loop, on SQLite and on a real PostgreSQL: who may record a result and what a result must say,
/// and the dashboard's agreement, melanomas per risk band and lesions sampled per melanoma against a count by hand.
/// </summary>
public abstract class HistologyTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private static readonly DateOnly Day = new(2026, 11, 20);

    private HistologyCommands Commands() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), clock,
        Microsoft.Extensions.Options.Options.Create(new TeleDerm.Core.FollowUps.FollowUpOptions()));

    private Actor Gp => TestPeople.Enrol(database, new("gp-1", "gp-1", Roles.GP, null, CaseBuilder.Practice, null));
    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm-1", Roles.Dermatologist, CaseBuilder.Department, null, null));
    private Actor Head => TestPeople.Enrol(database, new("head-1", "head-1", Roles.DepartmentHead, CaseBuilder.Department, null, null));

    /// <summary>A case in <paramref name="status"/> with one lesion, answered with <paramref name="icd10"/> (when answered), of risk <paramref name="risk"/>.</summary>
    private async Task<(TeleExpertiseCase Case, Guid LesionId)> CaseAsync(CaseStatus status = CaseStatus.Answered, string icd10 = "D22.5", double? risk = null)
    {
        var @case = new CaseBuilder().InStatus(status, "derm-1").Build();
        @case.MaxRisk = risk;
        var lesion = new Lesion { Id = Guid.NewGuid(), PatientId = @case.PatientId, BodySiteCode = "123961009", TrackingUid = "2.25." + Random.Shared.NextInt64(1, long.MaxValue), CreatedAtUtc = @case.CreatedAtUtc };
        await using var db = database.CreateDbContext();
        db.Add(@case);
        db.Add(lesion);
        db.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id });
        if (status != CaseStatus.Submitted)
        {
            db.Add(new CaseAnswer
            {
                Id = Guid.NewGuid(), CaseId = @case.Id, DermatologistUserId = "derm-1", DiagnosisCode = icd10, DiagnosisText = icd10,
                Management = Management.ExcisionOrBiopsy, MessageToGp = "Excision.", AnsweredAtUtc = new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc),
            });
        }
        await db.SaveChangesAsync();
        return (@case, lesion.Id);
    }

    private static HistologyInput Result(Guid lesion, HistologyDiagnosis diagnosis, decimal? breslow = null, string? text = null, DateOnly? on = null) =>
        new(lesion, HistologyProcedure.Excision, diagnosis, breslow, text, on ?? Day);

    [Fact]
    public async Task The_GP_or_a_dermatologist_records_a_result_and_each_problem_is_refused_with_its_reason()
    {
        var (@case, lesion) = await CaseAsync();
        var (open, openLesion) = await CaseAsync(CaseStatus.Submitted);
        var stranger = TestPeople.Enrol(database, new("gp-9", "gp-9", Roles.GP, null, Guid.NewGuid(), null));

        Assert.Equal("CaseError.NotYours", (await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.CommonNaevus), stranger))?.Key);
        Assert.Equal("HistologyError.NotAnswered", (await Commands().RecordAsync(open.Id, Result(openLesion, HistologyDiagnosis.CommonNaevus), Gp))?.Key);
        Assert.Equal("HistologyError.Lesion", (await Commands().RecordAsync(@case.Id, Result(openLesion, HistologyDiagnosis.CommonNaevus), Gp))?.Key);
        Assert.Equal("HistologyError.Breslow", (await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.InvasiveMelanoma), Gp))?.Key);
        Assert.Equal("HistologyError.Breslow", (await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.InvasiveMelanoma, breslow: 0m), Gp))?.Key);
        Assert.Equal("HistologyError.Text", (await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.Other, text: "  "), Gp))?.Key);
        Assert.Equal("HistologyError.SampledOn", (await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.CommonNaevus, on: new DateOnly(2026, 10, 1)), Gp))?.Key);
        Assert.Equal("HistologyError.SampledOn", (await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.CommonNaevus, on: new DateOnly(2026, 12, 5)), Gp))?.Key);
        Assert.Equal("HistologyError.TextTooLong", (await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.Other, text: new string('x', 1001)), Gp))?.Key);
        Assert.Equal("HistologyError.Diagnosis", (await Commands().RecordAsync(@case.Id, Result(lesion, (HistologyDiagnosis)99), Gp))?.Key);
        Assert.Empty(await Commands().ForCaseAsync(@case.Id, Gp));

        Assert.Null(await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.InvasiveMelanoma, breslow: 0.8m), Gp));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.Other, text: " Spitz naevus ") with { Procedure = HistologyProcedure.Biopsy }, Dermatologist));

        var results = await Commands().ForCaseAsync(@case.Id, Dermatologist);
        Assert.Equal([(HistologyDiagnosis.Other, (decimal?)null, "Spitz naevus", "derm-1"), (HistologyDiagnosis.InvasiveMelanoma, 0.8m, null, "gp-1")],
            results.Select(r => (r.Diagnosis, r.BreslowMm, r.Text, r.RecordedByUserId)));
        Assert.Empty(await Commands().ForCaseAsync(@case.Id, stranger));
        await using var db = database.CreateDbContext();
        var audited = await db.AuditEntries.Where(e => e.Action == AuditActions.HistologyRecorded).Select(e => e.Outcome).ToListAsync();
        Assert.Equal((1, 9, 2), (audited.Count(o => o == AuditOutcome.Denied), audited.Count(o => o == AuditOutcome.Failure), audited.Count(o => o == AuditOutcome.Success)));
    }

    [Fact]
    public async Task The_dashboard_compares_tele_expertise_with_histology_counts_melanomas_per_risk_band_and_lesions_per_melanoma()
    {
        // (tele-expertise ICD-10, model's risk, histology): agreement is counted in three classes, uncertain ones left out.
        (string Icd10, double? Risk, HistologyDiagnosis Histology)[] lesions =
        [
            ("C43.5", 0.81, HistologyDiagnosis.InvasiveMelanoma),   // agreed, high, melanoma
            ("D22.5", 0.72, HistologyDiagnosis.MelanomaInSitu),     // missed, high, melanoma
            ("D22.5", 0.10, HistologyDiagnosis.DysplasticNaevus),   // agreed, low
            ("C44.5", 0.40, HistologyDiagnosis.BasalCellCarcinoma), // agreed, intermediate
            ("D48.5", 0.45, HistologyDiagnosis.CommonNaevus),       // uncertain: not compared, intermediate
            ("L82", null, HistologyDiagnosis.Other),                // other: not compared, not scored
        ];
        foreach (var (icd10, risk, histology) in lesions)
        {
            var (@case, lesion) = await CaseAsync(icd10: icd10, risk: risk);
            Assert.Null(await Commands().RecordAsync(@case.Id, Result(lesion, histology, breslow: histology == HistologyDiagnosis.InvasiveMelanoma ? 1.2m : null, text: "x"), Gp));
        }
        // A correction: the latest result of a lesion counts, once.
        var (corrected, correctedLesion) = await CaseAsync(icd10: "D22.5", risk: 0.2);
        Assert.Null(await Commands().RecordAsync(corrected.Id, Result(correctedLesion, HistologyDiagnosis.MelanomaInSitu), Gp));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await Commands().RecordAsync(corrected.Id, Result(correctedLesion, HistologyDiagnosis.CommonNaevus), Gp));
        // Sampled outside the period: not counted.
        var (later, laterLesion) = await CaseAsync(icd10: "C43.5", risk: 0.9);
        Assert.Null(await Commands().RecordAsync(later.Id, Result(laterLesion, HistologyDiagnosis.InvasiveMelanoma, breslow: 2m, on: new DateOnly(2026, 12, 1)), Gp));

        var figures = new HistologyFigures(database);
        var summary = await figures.ForPeriodAsync(Head, CaseBuilder.Department, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), new RiskBands());

        Assert.Equal((7, 5, 4, 2), (summary!.Sampled, summary.Compared, summary.Agreed, summary.Melanomas));
        Assert.Equal(0.8, summary.Agreement);
        Assert.Equal(3.5, summary.SampledPerMelanoma);
        Assert.Equal([new MelanomasInBand("high", 2, 2), new MelanomasInBand("intermediate", 2, 0), new MelanomasInBand("low", 2, 0), new MelanomasInBand("not-scored", 1, 0)],
            summary.ByRiskBand);
        Assert.Null(await figures.ForPeriodAsync(Dermatologist, CaseBuilder.Department, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), new RiskBands()));
    }

    [Fact]
    public async Task A_correction_that_moves_the_sample_out_of_the_period_takes_the_lesion_out_of_it()
    {
        var (@case, lesion) = await CaseAsync(icd10: "D22.5", risk: 0.2);
        Assert.Null(await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.MelanomaInSitu), Gp));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await Commands().RecordAsync(@case.Id, Result(lesion, HistologyDiagnosis.MelanomaInSitu, on: new DateOnly(2026, 12, 1)), Gp));

        var figures = new HistologyFigures(database);
        var november = await figures.ForPeriodAsync(Head, CaseBuilder.Department, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), new RiskBands());
        var december = await figures.ForPeriodAsync(Head, CaseBuilder.Department, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), new RiskBands());

        Assert.Equal((0, 0), (november!.Sampled, november.Melanomas));
        Assert.Equal((1, 1), (december!.Sampled, december.Melanomas));
    }

    [Theory]
    [InlineData("C43.5", DiagnosisClass.Melanoma)]
    [InlineData("d03.9", DiagnosisClass.Melanoma)]
    [InlineData("C44.3", DiagnosisClass.KeratinocyteCancer)]
    [InlineData("D04.5", DiagnosisClass.KeratinocyteCancer)]
    [InlineData("D48.5", DiagnosisClass.Uncertain)]
    [InlineData("D22.5", DiagnosisClass.Benign)]
    [InlineData("L82", DiagnosisClass.Benign)]
    public void An_ICD_10_code_falls_in_the_class_histology_is_compared_in(string icd10, DiagnosisClass expected) =>
        Assert.Equal(expected, HistologyFigures.ClassOf(icd10));
}

public sealed class HistologyTestsOnSqlite() : HistologyTests(DatabaseProvider.Sqlite);

public sealed class HistologyTestsOnPostgreSql() : HistologyTests(DatabaseProvider.PostgreSql);
