using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Histology;

/// <summary>What a diagnosis says about malignancy, in the classes tele-expertise and histology can be compared in.</summary>
public enum DiagnosisClass
{
    Melanoma,
    KeratinocyteCancer,
    Benign,
    /// <summary>Not comparable: an uncertain tele-expertise diagnosis (D48.5), or a histology "other".</summary>
    Uncertain,
}

/// <summary>Lesions sampled and melanomas found among them, for one risk band of the model (or not scored).</summary>
public sealed record MelanomasInBand(string Band, int Sampled, int Melanomas);

/// <summary>
/// The loop closed, for lesions sampled in a period: how often the tele-expertise diagnosis agreed with histology
/// (<see cref="Agreed"/> of <see cref="Compared"/>), melanomas found per risk band of the model, and lesions sampled per
/// melanoma found.
/// </summary>
public sealed record HistologySummary(int Sampled, int Compared, int Agreed, int Melanomas, IReadOnlyList<MelanomasInBand> ByRiskBand)
{
    public double? Agreement => Compared == 0 ? null : (double)Agreed / Compared;
    public double? SampledPerMelanoma => Melanomas == 0 ? null : (double)Sampled / Melanomas;
}

/// <summary>The department dashboard's histology figures. Department heads and administrators; no patient.</summary>
public sealed class HistologyFigures(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    /// <summary>The tele-expertise diagnosis's class, from its ICD-10 code.</summary>
    public static DiagnosisClass ClassOf(string icd10) => icd10.Trim().ToUpperInvariant() switch
    {
        var c when c.StartsWith("C43", StringComparison.Ordinal) || c.StartsWith("D03", StringComparison.Ordinal) => DiagnosisClass.Melanoma,
        var c when c.StartsWith("C44", StringComparison.Ordinal) || c.StartsWith("D04", StringComparison.Ordinal) => DiagnosisClass.KeratinocyteCancer,
        var c when c.StartsWith("D48", StringComparison.Ordinal) || c.StartsWith('C') => DiagnosisClass.Uncertain,
        _ => DiagnosisClass.Benign,
    };

    public static DiagnosisClass ClassOf(HistologyDiagnosis diagnosis) => diagnosis switch
    {
        HistologyDiagnosis.MelanomaInSitu or HistologyDiagnosis.InvasiveMelanoma => DiagnosisClass.Melanoma,
        HistologyDiagnosis.BasalCellCarcinoma or HistologyDiagnosis.SquamousCellCarcinoma => DiagnosisClass.KeratinocyteCancer,
        HistologyDiagnosis.Other => DiagnosisClass.Uncertain,
        _ => DiagnosisClass.Benign,
    };

    /// <summary>The figures of the lesions sampled from <paramref name="firstDay"/> to <paramref name="lastDay"/>; null when <paramref name="viewer"/> may not see them.</summary>
    public async Task<HistologySummary?> ForPeriodAsync(Actor viewer, Guid departmentId, DateOnly firstDay, DateOnly lastDay, RiskBands bands,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!DashboardDrillDown.MaySee(viewer, departmentId) || !await viewer.IsStillEntitledAsync(db, cancellationToken))
        {
            return null;
        }
        // A lesion counts once, by its latest result wherever recorded (on its first request or a follow-up): a correction
        // replaces the earlier result, even one that moved the sample into another period.
        var latest = db.Set<HistologyResult>().Where(r => !db.Set<HistologyResult>().Any(o => o.LesionId == r.LesionId && o.RecordedAtUtc > r.RecordedAtUtc));
        var rows = await latest.AsNoTracking()
            .Where(r => r.DepartmentId == departmentId && r.SampledOn >= firstDay && r.SampledOn <= lastDay)
            .Select(r => new
            {
                r.LesionId, r.CaseId, r.Diagnosis, r.RecordedAtUtc,
                Answer = db.Set<CaseAnswer>().Where(a => a.CaseId == r.CaseId).Select(a => a.DiagnosisCode).FirstOrDefault(),
                Risk = db.Set<TeleExpertiseCase>().Where(c => c.Id == r.CaseId).Select(c => c.MaxRisk).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        // Two results recorded in the same instant: one of them.
        var lesions = rows.GroupBy(r => r.LesionId).Select(g => g.First()).ToList();
        var compared = lesions.Where(l => l.Answer is not null && ClassOf(l.Answer) != DiagnosisClass.Uncertain && ClassOf(l.Diagnosis) != DiagnosisClass.Uncertain).ToList();
        var byBand = lesions.GroupBy(l => bands.BandOf(l.Risk))
            .Select(g => new MelanomasInBand(g.Key, g.Count(), g.Count(l => ClassOf(l.Diagnosis) == DiagnosisClass.Melanoma)))
            .OrderBy(b => BandOrder(b.Band)).ToList();
        return new HistologySummary(lesions.Count, compared.Count, compared.Count(l => ClassOf(l.Answer!) == ClassOf(l.Diagnosis)),
            lesions.Count(l => ClassOf(l.Diagnosis) == DiagnosisClass.Melanoma), byBand);
    }

    private static int BandOrder(string band) => band switch { "high" => 0, "intermediate" => 1, "low" => 2, _ => 3 };
}
