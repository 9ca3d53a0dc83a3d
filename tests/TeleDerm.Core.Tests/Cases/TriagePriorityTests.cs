using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Tests.Cases;

public class TriagePriorityTests
{
    private static readonly ServiceLevels Levels = new();
    private static readonly DateTime Submitted = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Default_service_levels_are_24_hours_72_hours_and_7_days()
    {
        Assert.Equal(Submitted.AddHours(24), TriagePriority.ServiceDue(Submitted, Urgency.Urgent, Levels));
        Assert.Equal(Submitted.AddHours(72), TriagePriority.ServiceDue(Submitted, Urgency.Soon, Levels));
        Assert.Equal(Submitted.AddDays(7), TriagePriority.ServiceDue(Submitted, Urgency.Routine, Levels));
    }

    [Theory]
    [InlineData(0.0, 168.0)]
    [InlineData(1.0, 84.0)]
    [InlineData(0.5, 126.0)]
    public void Risk_brings_the_priority_deadline_forward_by_up_to_half_the_target(double risk, double hours) =>
        Assert.Equal(Submitted.AddHours(hours), TriagePriority.PriorityDue(Submitted, Urgency.Routine, risk, Levels));

    [Fact]
    public void An_unscored_case_counts_as_intermediate_risk() =>
        Assert.Equal(TriagePriority.PriorityDue(Submitted, Urgency.Soon, 0.5, Levels), TriagePriority.PriorityDue(Submitted, Urgency.Soon, null, Levels));

    [Fact]
    public void A_fresh_urgent_case_ranks_before_a_high_risk_routine_case_of_the_same_day()
    {
        var urgentLowRisk = TriagePriority.PriorityDue(Submitted.AddHours(6), Urgency.Urgent, 0.1, Levels);
        var routineHighRisk = TriagePriority.PriorityDue(Submitted, Urgency.Routine, 0.95, Levels);
        Assert.True(urgentLowRisk < routineHighRisk);
    }

    [Fact]
    public void A_routine_case_that_has_waited_long_overtakes_a_new_soon_case()
    {
        var oldRoutine = TriagePriority.PriorityDue(Submitted.AddDays(-5), Urgency.Routine, 0.2, Levels);
        var newSoon = TriagePriority.PriorityDue(Submitted, Urgency.Soon, 0.2, Levels);
        Assert.True(oldRoutine < newSoon);
    }

    [Fact]
    public void A_draft_has_no_deadlines()
    {
        var draft = new CaseBuilder().Build();
        TriagePriority.Update(draft, Levels);
        Assert.Null(draft.ServiceDueAtUtc);
        Assert.Null(draft.PriorityDueAtUtc);
    }

    [Fact]
    public void A_new_score_moves_a_submitted_case_up()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        TriagePriority.Update(@case, Levels);
        var before = @case.PriorityDueAtUtc;
        @case.MaxRisk = 0.9;
        TriagePriority.Update(@case, Levels);
        Assert.True(@case.PriorityDueAtUtc < before);
        Assert.Equal(@case.SubmittedAtUtc!.Value.AddDays(7), @case.ServiceDueAtUtc);
    }
}
