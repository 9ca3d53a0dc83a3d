using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>The model's risk bands as the dashboard shows them, in order; a case's band is that of its highest image risk.</summary>
public enum RiskBand
{
    NotScored,
    Low,
    Intermediate,
    High,
}

/// <summary>How many decided cases ended in each outcome; <see cref="NotRecorded"/>: answered before answers carried a management.</summary>
public sealed record OutcomeCounts(int ResolvedRemotely, int InPersonVisit, int UrgentVisit, int ExcisionOrBiopsy, int NotRecorded)
{
    public static readonly OutcomeCounts Zero = new(0, 0, 0, 0, 0);
    public int Total => ResolvedRemotely + InPersonVisit + UrgentVisit + ExcisionOrBiopsy + NotRecorded;
    private int WithOutcome => Total - NotRecorded;
    /// <summary>Share of decided cases with a known outcome that spared the patient a visit.</summary>
    public double? ResolvedRemotelyShare => WithOutcome == 0 ? null : (double)ResolvedRemotely / WithOutcome;
    /// <summary>Share that ended in an urgent visit or an excision/biopsy: what a useful risk ordering puts in the high band.</summary>
    public double? SeriousShare => WithOutcome == 0 ? null : (double)(UrgentVisit + ExcisionOrBiopsy) / WithOutcome;

    public int this[CaseOutcome outcome] => outcome switch
    {
        CaseOutcome.ResolvedRemotely => ResolvedRemotely,
        CaseOutcome.InPersonVisit => InPersonVisit,
        CaseOutcome.UrgentVisit => UrgentVisit,
        _ => ExcisionOrBiopsy,
    };

    internal OutcomeCounts Add(CaseOutcome? outcome, int count) => outcome switch
    {
        CaseOutcome.ResolvedRemotely => this with { ResolvedRemotely = ResolvedRemotely + count },
        CaseOutcome.InPersonVisit => this with { InPersonVisit = InPersonVisit + count },
        CaseOutcome.UrgentVisit => this with { UrgentVisit = UrgentVisit + count },
        CaseOutcome.ExcisionOrBiopsy => this with { ExcisionOrBiopsy = ExcisionOrBiopsy + count },
        _ => this with { NotRecorded = NotRecorded + count },
    };
}

/// <summary>Of the cases decided in the period: the outcome mix, the outcomes per risk band, and how many needed a question to the GP.</summary>
public sealed record OutcomeFigures(int Decided, int AskedGp, OutcomeCounts Outcomes, IReadOnlyDictionary<RiskBand, OutcomeCounts> ByRiskBand)
{
    /// <summary>Share of decided cases in which the dermatologist had to ask the GP (missing information or unusable photos).</summary>
    public double? AskedGpShare => Decided == 0 ? null : (double)AskedGp / Decided;
}

internal static class OutcomeQuery
{
    public static async Task<OutcomeFigures> ComputeAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period, RiskBands bands,
        CancellationToken cancellationToken)
    {
        // One grouped statement: decided cases by (risk band, management, converted?, asked the GP?). At most
        // 4 × 8 × 2 × 2 rows leave the database; mapping management to an outcome is CaseOutcomes' rule, in C#.
        // The answer and the question are looked up per decided case (correlated subqueries on the unique index
        // of CaseAnswers.CaseId and the index of CaseMessages.CaseId) rather than joined: a period decides a
        // few thousand cases, and a join let PostgreSQL hash the whole answers and messages tables instead.
        var groups = await DashboardCases.Decided(db, departmentId, period)
            .Select(c => new
            {
                Band = c.MaxRisk == null ? (int)RiskBand.NotScored
                    : c.MaxRisk >= bands.HighFrom ? (int)RiskBand.High
                    : c.MaxRisk >= bands.IntermediateFrom ? (int)RiskBand.Intermediate
                    : (int)RiskBand.Low,
                Management = db.Set<CaseAnswer>().Where(a => a.CaseId == c.Id).Select(a => (Management?)a.Management).FirstOrDefault(),
                Converted = c.AnsweredAtUtc == null,
                Asked = db.Set<CaseMessage>().Any(m => m.CaseId == c.Id && m.Kind == MessageKind.Question),
            })
            .GroupBy(c => new { c.Band, c.Management, c.Converted, c.Asked })
            .Select(g => new { g.Key.Band, g.Key.Management, g.Key.Converted, g.Key.Asked, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var byBand = Enum.GetValues<RiskBand>().ToDictionary(b => b, _ => OutcomeCounts.Zero);
        var total = OutcomeCounts.Zero;
        var asked = 0;
        foreach (var g in groups)
        {
            // An unanswered decided case is a conversion to an in-person visit.
            var outcome = CaseOutcomes.Of(g.Converted ? CaseStatus.ConvertedToAppointment : CaseStatus.Answered, g.Management);
            byBand[(RiskBand)g.Band] = byBand[(RiskBand)g.Band].Add(outcome, g.Count);
            total = total.Add(outcome, g.Count);
            asked += g.Asked ? g.Count : 0;
        }
        return new OutcomeFigures(total.Total, asked, total, byBand);
    }
}
