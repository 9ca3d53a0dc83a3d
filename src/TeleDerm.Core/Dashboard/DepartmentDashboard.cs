using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>Every figure of the department dashboard for one period. No patient appears in any of them.</summary>
public sealed record DashboardFigures(
    DashboardPeriod Period,
    VolumeFigures Volumes,
    BacklogFigures Backlog,
    DurationStats TimeToFirstResponse,
    DurationStats TimeToAnswer,
    IReadOnlyList<ServiceLevelRow> ServiceLevels,
    OutcomeFigures Outcomes,
    IReadOnlyList<DermatologistRow> Dermatologists,
    IReadOnlyList<PracticeRow> Practices,
    RiskDistribution RiskDistribution)
{
    /// <summary>Share of all cases answered in the period that were answered within their service level.</summary>
    public double? WithinServiceLevelShare
    {
        get
        {
            var answered = ServiceLevels.Sum(r => r.Answered);
            return answered == 0 ? null : (double)ServiceLevels.Sum(r => r.WithinTarget) / answered;
        }
    }
}

/// <summary>The period asked for and the one just before it, for comparison.</summary>
public sealed record DashboardComparison(DashboardFigures Current, DashboardFigures Previous);

/// <summary>
/// Computes the dashboard of one department in the database: a handful of aggregate statements per period
/// (grouped counts, percentiles), each a range of one (department, time) index; no case is loaded into memory.
/// The counting rules are those of <see cref="DashboardCases"/>; time comes from the injected clock.
/// </summary>
public sealed class DepartmentDashboard(IDbContextFactory<TeleDermDbContext> dbFactory, TimeProvider clock, IOptions<ServiceLevels> serviceLevels)
{
    /// <summary>The period and the one before it, computed at the same time on two connections.</summary>
    public async Task<DashboardComparison> CompareAsync(Guid departmentId, DashboardPeriod period, RiskBands bands, CancellationToken cancellationToken = default)
    {
        var current = ComputeAsync(departmentId, period, bands, cancellationToken);
        var previous = ComputeAsync(departmentId, period.Previous, bands, cancellationToken);
        return new(await current, await previous);
    }

    public async Task<DashboardFigures> ComputeAsync(Guid departmentId, DashboardPeriod period, RiskBands bands, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var received = await ReceivedQuery.ComputeAsync(db, departmentId, period, cancellationToken);
        var ended = await OutcomeQuery.ComputeAsync(db, departmentId, period, bands, cancellationToken);
        var answerCounts = await ServiceLevelQuery.AnswerCountsAsync(db, departmentId, period, cancellationToken);
        var answeredPerPractice = await WorkloadQuery.AnsweredPerPracticeAsync(db, departmentId, period, cancellationToken);
        var firstResponse = await DurationPercentiles.ComputeAsync(db, departmentId, period, DurationPercentiles.Until.FirstResponse,
            DurationPercentiles.GroupBy.All, cancellationToken);
        var answer = await DurationPercentiles.ComputeAsync(db, departmentId, period, DurationPercentiles.Until.Answer,
            DurationPercentiles.GroupBy.All, cancellationToken);
        var answerPerDermatologist = await DurationPercentiles.ComputeAsync(db, departmentId, period, DurationPercentiles.Until.Answer,
            DurationPercentiles.GroupBy.Dermatologist, cancellationToken);
        return new DashboardFigures(
            period,
            new VolumeFigures(received.Total, ended.Answered, ended.Converted, ended.Cancelled),
            await CaseFlowQuery.BacklogAsync(db, departmentId, period.BacklogAt(now), cancellationToken),
            firstResponse.GetValueOrDefault("", DurationStats.None),
            answer.GetValueOrDefault("", DurationStats.None),
            ServiceLevelQuery.PerUrgency(answerCounts, serviceLevels.Value),
            ended.Outcomes,
            await WorkloadQuery.PerDermatologistAsync(db, answerCounts, answerPerDermatologist, cancellationToken),
            await WorkloadQuery.PerPracticeAsync(db, received.PerPractice, answeredPerPractice, cancellationToken),
            received.Risk);
    }
}
