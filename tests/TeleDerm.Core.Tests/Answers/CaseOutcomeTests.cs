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

    [Fact]
    public void A_case_converted_to_an_appointment_without_an_answer_is_an_in_person_visit() =>
        Assert.Equal(CaseOutcome.InPersonVisit, CaseOutcomes.Of(CaseStatus.ConvertedToAppointment, null));

    [Theory]
    [InlineData(CaseStatus.Submitted)]
    [InlineData(CaseStatus.InReview)]
    [InlineData(CaseStatus.Cancelled)]
    public void Open_and_cancelled_cases_have_no_outcome(CaseStatus status) =>
        Assert.Null(CaseOutcomes.Of(status, null));

    [Fact]
    public void An_answered_case_takes_its_answers_outcome() =>
        Assert.Equal(CaseOutcome.ExcisionOrBiopsy, CaseOutcomes.Of(CaseStatus.Closed, Management.ExcisionOrBiopsy));
}
