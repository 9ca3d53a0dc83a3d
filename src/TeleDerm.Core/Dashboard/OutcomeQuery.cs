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

/// <summary>The cases that ended in a period, by how: the volumes that left the backlog and the outcomes of the decided ones.</summary>
internal sealed record EndingFigures(int Answered, int Converted, int Cancelled, OutcomeFigures Outcomes);

internal static class OutcomeQuery
{
    public static async Task<EndingFigures> ComputeAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period, RiskBands bands,
        CancellationToken cancellationToken)
    {
        // One grouped statement over the cases that ended in the period: by (status, risk band, outcome, asked the
        // GP?). At most 4 × 4 × 5 × 2 rows leave the database. Every column is on the case row itself (the outcome
        // and the first question are recorded there when they happen), so PostgreSQL answers from the
        // (department, ended) index alone, without reading answers, messages or transitions.
        var groups = await DashboardCases.Ended(db, departmentId, period)
            .Select(c => new
            {
                c.Status,
                Band = c.MaxRisk == null ? (int)RiskBand.NotScored
                    : c.MaxRisk >= bands.HighFrom ? (int)RiskBand.High
                    : c.MaxRisk >= bands.IntermediateFrom ? (int)RiskBand.Intermediate
                    : (int)RiskBand.Low,
                c.Outcome,
                Asked = c.FirstQuestionAtUtc != null,
            })
            .GroupBy(c => new { c.Status, c.Band, c.Outcome, c.Asked })
            .Select(g => new { g.Key.Status, g.Key.Band, g.Key.Outcome, g.Key.Asked, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var byBand = Enum.GetValues<RiskBand>().ToDictionary(b => b, _ => OutcomeCounts.Zero);
        var total = OutcomeCounts.Zero;
        int answered = 0, converted = 0, cancelled = 0, asked = 0;
        foreach (var g in groups)
        {
            switch (g.Status)
            {
                case CaseStatus.Cancelled:
                    cancelled += g.Count;
                    continue;
                case CaseStatus.ConvertedToAppointment:
                    converted += g.Count;
                    break;
                default:
                    answered += g.Count;
                    break;
            }
            byBand[(RiskBand)g.Band] = byBand[(RiskBand)g.Band].Add(g.Outcome, g.Count);
            total = total.Add(g.Outcome, g.Count);
            asked += g.Asked ? g.Count : 0;
        }
        return new EndingFigures(answered, converted, cancelled, new OutcomeFigures(total.Total, asked, total, byBand));
    }
}
