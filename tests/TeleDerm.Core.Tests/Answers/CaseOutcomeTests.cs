using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Tests.Answers;

public sealed class CaseOutcomeTests
{
    [Theory]
    [InlineData(Management.Reassure, CaseOutcome.ResolvedRemotely)]
    [InlineData(Management.TreatLocally, CaseOutcome.ResolvedRemotely)]
    [InlineData(Management.Prescription, CaseOutcome.ResolvedRemotely)]
    [InlineData(Management.PhotoFollowUp, CaseOutcome.ResolvedRemotely)]
    [InlineData(Management.RoutineInPersonVisit, CaseOutcome.InPersonVisit)]
    [InlineData(Management.UrgentInPersonVisit, CaseOutcome.UrgentVisit)]
    [InlineData(Management.ExcisionOrBiopsy, CaseOutcome.ExcisionOrBiopsy)]
    public void Every_management_has_an_outcome(Management management, CaseOutcome expected) =>
        Assert.Equal(expected, CaseOutcomes.Of(management));

    [Fact]
    public void Every_management_value_is_mapped() =>
        Assert.All(Enum.GetValues<Management>(), m => CaseOutcomes.Of(m));

    // Conversions (an in-person visit) and cancellations (no outcome) are stamped by CaseLifecycle: see CaseLifecycleTests.
    [Fact]
    public void Recording_an_answer_puts_its_outcome_on_the_case()
    {
        var @case = new TeleExpertiseCase();
        CaseOutcomes.Record(@case, new CaseAnswer { Management = Management.UrgentInPersonVisit });
        Assert.Equal(CaseOutcome.UrgentVisit, @case.Outcome);
    }
}
