using System.Globalization;
using System.Text;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Dashboard;

namespace TeleDerm.Web.Features.Dashboard;

/// <summary>A table of the dashboard as plain values: what the CSV export writes (stable English column names, invariant numbers).</summary>
public sealed record DashboardTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var row in Rows)
        {
            csv.AppendJoin(',', row.Select(AuditCsv.Quote)).Append("\r\n");
        }
        return csv.ToString();
    }
}

/// <summary>
/// Every table of the dashboard, built from the computed figures; the page shows them and the export
/// endpoint writes them, so a CSV always holds what the page showed. Durations in hours, shares as fractions.
/// </summary>
public static class DashboardTables
{
    public static readonly IReadOnlyList<string> Names =
        ["summary", "backlog", "turnaround", "service-level", "outcomes", "risk-bands", "risk-distribution", "dermatologists", "practices"];

    public static DashboardTable? Build(string name, DashboardComparison figures) => name switch
    {
        "summary" => Summary(figures),
        "backlog" => Backlog(figures),
        "turnaround" => Turnaround(figures),
        "service-level" => ServiceLevel(figures.Current),
        "outcomes" => Outcomes(figures),
        "risk-bands" => RiskBands(figures.Current),
        "risk-distribution" => RiskDistribution(figures.Current),
        "dermatologists" => Dermatologists(figures.Current),
        "practices" => Practices(figures.Current),
        _ => null,
    };

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Share(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "";
    private static string Hours(TimeSpan? value) => value is { } v ? v.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) : "";
    private static string Utc(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static DashboardTable Summary(DashboardComparison f)
    {
        static string[] Row(string figure, string current, string previous) => [figure, current, previous];
        return new("summary", ["figure", "current_period", "previous_period"],
        [
            Row("period_start_utc", Utc(f.Current.Period.FromUtc), Utc(f.Previous.Period.FromUtc)),
            Row("period_end_utc", Utc(f.Current.Period.ToUtc), Utc(f.Previous.Period.ToUtc)),
            Row("received", N(f.Current.Volumes.Received), N(f.Previous.Volumes.Received)),
            Row("answered", N(f.Current.Volumes.Answered), N(f.Previous.Volumes.Answered)),
            Row("converted_to_visit", N(f.Current.Volumes.ConvertedToVisit), N(f.Previous.Volumes.ConvertedToVisit)),
            Row("cancelled", N(f.Current.Volumes.Cancelled), N(f.Previous.Volumes.Cancelled)),
            Row("backlog_at_end", N(f.Current.Backlog.Total), N(f.Previous.Backlog.Total)),
            Row("backlog_overdue_at_end", N(f.Current.Backlog.Overdue), N(f.Previous.Backlog.Overdue)),
            Row("answer_median_hours", Hours(f.Current.TimeToAnswer.Median), Hours(f.Previous.TimeToAnswer.Median)),
            Row("answer_p90_hours", Hours(f.Current.TimeToAnswer.P90), Hours(f.Previous.TimeToAnswer.P90)),
            Row("within_service_level_share", Share(f.Current.WithinServiceLevelShare), Share(f.Previous.WithinServiceLevelShare)),
            Row("resolved_remotely_share", Share(f.Current.Outcomes.Outcomes.ResolvedRemotelyShare), Share(f.Previous.Outcomes.Outcomes.ResolvedRemotelyShare)),
            Row("asked_gp_share", Share(f.Current.Outcomes.AskedGpShare), Share(f.Previous.Outcomes.AskedGpShare)),
        ]);
    }

    private static DashboardTable Backlog(DashboardComparison f) => new("backlog", ["age", "cases", "previous_period"],
        [.. f.Current.Backlog.ByAge.Zip(f.Previous.Backlog.ByAge, (c, p) => (IReadOnlyList<string>)[Kebab(c.Age.ToString()), N(c.Count), N(p.Count)]),
            ["overdue", N(f.Current.Backlog.Overdue), N(f.Previous.Backlog.Overdue)],
            ["total", N(f.Current.Backlog.Total), N(f.Previous.Backlog.Total)]]);

    private static DashboardTable Turnaround(DashboardComparison f)
    {
        static IReadOnlyList<string> Row(string measure, DurationStats c, DurationStats p) =>
            [measure, N(c.Count), Hours(c.Median), Hours(c.P90), N(p.Count), Hours(p.Median), Hours(p.P90)];
        return new("turnaround", ["measure", "cases", "median_hours", "p90_hours", "previous_cases", "previous_median_hours", "previous_p90_hours"],
            [Row("first_response", f.Current.TimeToFirstResponse, f.Previous.TimeToFirstResponse), Row("answer", f.Current.TimeToAnswer, f.Previous.TimeToAnswer)]);
    }

    private static DashboardTable ServiceLevel(DashboardFigures f) => new("service-level", ["urgency", "target_hours", "answered", "within_target", "share"],
        [.. f.ServiceLevels.Select(r => (IReadOnlyList<string>)[r.Urgency.ToString(), Hours(r.Target), N(r.Answered), N(r.WithinTarget), Share(r.Share)])]);

    private static DashboardTable Outcomes(DashboardComparison f)
    {
        var total = f.Current.Outcomes.Outcomes.Total;
        return new("outcomes", ["outcome", "cases", "share", "previous_period"],
        [
            .. Enum.GetValues<CaseOutcome>().Select(o => (IReadOnlyList<string>)[o.ToString(), N(f.Current.Outcomes.Outcomes[o]),
                Share(total == 0 ? null : (double)f.Current.Outcomes.Outcomes[o] / total), N(f.Previous.Outcomes.Outcomes[o])]),
            ["NotRecorded", N(f.Current.Outcomes.Outcomes.NotRecorded), Share(total == 0 ? null : (double)f.Current.Outcomes.Outcomes.NotRecorded / total),
                N(f.Previous.Outcomes.Outcomes.NotRecorded)],
            ["AskedGp", N(f.Current.Outcomes.AskedGp), Share(f.Current.Outcomes.AskedGpShare), N(f.Previous.Outcomes.AskedGp)],
        ]);
    }

    private static DashboardTable RiskBands(DashboardFigures f) => new("risk-bands",
        ["risk_band", "decided", "resolved_remotely", "in_person_visit", "urgent_visit", "excision_or_biopsy", "not_recorded", "urgent_or_excision_share"],
        [.. f.Outcomes.ByRiskBand.OrderBy(b => b.Key).Select(b => (IReadOnlyList<string>)[b.Key.ToString(), N(b.Value.Total), N(b.Value.ResolvedRemotely),
            N(b.Value.InPersonVisit), N(b.Value.UrgentVisit), N(b.Value.ExcisionOrBiopsy), N(b.Value.NotRecorded), Share(b.Value.SeriousShare)])]);

    private static DashboardTable RiskDistribution(DashboardFigures f) => new("risk-distribution", ["risk_from", "risk_to", "cases"],
        [.. f.RiskDistribution.Tenths.Select((count, i) => (IReadOnlyList<string>)[(i / 10.0).ToString("0.0", CultureInfo.InvariantCulture),
            ((i + 1) / 10.0).ToString("0.0", CultureInfo.InvariantCulture), N(count)]),
            ["not-scored", "", N(f.RiskDistribution.NotScored)]]);

    private static DashboardTable Dermatologists(DashboardFigures f) => new("dermatologists",
        ["dermatologist", "answered", "within_target", "within_share", "median_hours", "p90_hours"],
        [.. f.Dermatologists.Select(d => (IReadOnlyList<string>)[d.Name, N(d.Answered), N(d.WithinTarget), Share(d.WithinShare),
            Hours(d.TimeToAnswer.Median), Hours(d.TimeToAnswer.P90)])]);

    private static DashboardTable Practices(DashboardFigures f) => new("practices", ["practice", "received", "answered"],
        [.. f.Practices.Select(p => (IReadOnlyList<string>)[p.Name, N(p.Received), N(p.Answered)])]);

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
