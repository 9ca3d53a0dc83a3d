using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Tests.Cases;

public class CaseLifecycleTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_request_goes_from_draft_to_closed_and_every_step_is_on_its_timeline()
    {
        var @case = new CaseBuilder().Build();
        CaseLifecycle.Apply(@case, CaseAction.Submit, "gp-1", Now);
        CaseLifecycle.Apply(@case, CaseAction.Claim, "derm-1", Now.AddHours(1));
        CaseLifecycle.Apply(@case, CaseAction.AskGp, "derm-1", Now.AddHours(2), "Please send a dermoscopic photo.");
        CaseLifecycle.Apply(@case, CaseAction.GpReplied, "gp-1", Now.AddHours(5));
        CaseLifecycle.Apply(@case, CaseAction.Answer, "derm-1", Now.AddHours(6));
        CaseLifecycle.Apply(@case, CaseAction.Close, "gp-1", Now.AddHours(7));

        Assert.Equal(CaseStatus.Closed, @case.Status);
        Assert.Equal(
            [CaseStatus.Submitted, CaseStatus.Claimed, CaseStatus.WaitingForGp, CaseStatus.InReview, CaseStatus.Answered, CaseStatus.Closed],
            @case.Transitions.Select(t => t.To));
        Assert.Equal(Now.AddHours(2), @case.FirstResponseAtUtc);
        Assert.Equal(Now.AddHours(6), @case.AnsweredAtUtc);
        Assert.Equal("Please send a dermoscopic photo.", @case.Transitions[2].Reason);
        // Ended at the answer, not at the closing; the outcome is the answer's, recorded by its caller.
        Assert.Equal(Now.AddHours(6), @case.EndedAtUtc);
        Assert.Equal(Now.AddHours(7), @case.ClosedAtUtc);
        Assert.Null(@case.Outcome);
        Assert.Equal(Now.AddHours(2), @case.FirstQuestionAtUtc);
    }

    [Fact]
    public void Only_the_first_question_to_the_GP_is_remembered()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.InReview, "derm-1").Build();
        CaseLifecycle.Apply(@case, CaseAction.AskGp, "derm-1", Now);
        CaseLifecycle.Apply(@case, CaseAction.GpReplied, "gp-1", Now.AddHours(1));
        CaseLifecycle.Apply(@case, CaseAction.AskGp, "derm-1", Now.AddHours(2));
        Assert.Equal(Now, @case.FirstQuestionAtUtc);
        Assert.Null(@case.EndedAtUtc); // waiting for the GP is still open
    }

    [Fact]
    public void A_cancelled_request_ends_when_it_is_cancelled_without_an_outcome()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        CaseLifecycle.Apply(@case, CaseAction.Cancel, "gp-1", Now);
        Assert.Equal(Now, @case.EndedAtUtc);
        Assert.Null(@case.Outcome);
        Assert.Null(@case.FirstQuestionAtUtc);
    }

    [Fact]
    public void Every_change_renews_the_version()
    {
        var @case = new CaseBuilder().Build();
        var before = @case.Version;
        CaseLifecycle.Apply(@case, CaseAction.Submit, "gp-1", Now);
        Assert.NotEqual(before, @case.Version);
    }

    [Fact]
    public void An_answered_case_cannot_be_claimed_and_the_reason_says_why()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Answered, "derm-1").Build();
        var refused = Assert.Throws<CaseTransitionException>(() => CaseLifecycle.Apply(@case, CaseAction.Claim, "derm-2", Now));
        Assert.Equal("A case that is answered cannot be claimed.", refused.Message);
        Assert.Empty(@case.Transitions);
    }

    [Fact]
    public void A_GP_cannot_cancel_once_a_dermatologist_has_claimed()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Claimed, "derm-1").Build();
        var refused = Assert.Throws<CaseTransitionException>(() => CaseLifecycle.Apply(@case, CaseAction.Cancel, "gp-1", Now));
        Assert.Equal("A case that is claimed cannot be cancelled.", refused.Message);
    }

    [Fact]
    public void Only_the_submitting_GP_may_cancel()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        var refused = Assert.Throws<CaseTransitionException>(() => CaseLifecycle.Apply(@case, CaseAction.Cancel, "gp-2", Now));
        Assert.Equal("Only the GP who submitted this request can do this.", refused.Message);
        CaseLifecycle.Apply(@case, CaseAction.Cancel, "gp-1", Now);
        Assert.Equal(CaseStatus.Cancelled, @case.Status);
    }

    [Fact]
    public void Only_the_claiming_dermatologist_may_answer_ask_or_release()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Claimed, "derm-1").Build();
        foreach (var action in new[] { CaseAction.Answer, CaseAction.AskGp, CaseAction.Release, CaseAction.ConvertToAppointment })
        {
            var refused = Assert.Throws<CaseTransitionException>(() => CaseLifecycle.Apply(@case, action, "derm-2", Now));
            Assert.Equal("Only the dermatologist who claimed this case can do this.", refused.Message);
        }
    }

    [Fact]
    public void Releasing_a_claim_puts_the_case_back_unassigned()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        CaseLifecycle.Apply(@case, CaseAction.Claim, "derm-1", Now);
        CaseLifecycle.Apply(@case, CaseAction.Release, "derm-1", Now.AddMinutes(5));
        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Null(@case.AssignedDermatologistId);
        Assert.True(CaseLifecycle.CanApply(@case, CaseAction.Claim, "derm-2"));
    }

    [Fact]
    public void Conversion_to_an_appointment_counts_as_a_first_response()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.InReview, "derm-1").Build();
        CaseLifecycle.Apply(@case, CaseAction.ConvertToAppointment, "derm-1", Now, "Needs a biopsy.");
        Assert.Equal(CaseStatus.ConvertedToAppointment, @case.Status);
        Assert.Equal(Now, @case.FirstResponseAtUtc);
        Assert.False(CaseLifecycle.IsOpen(@case.Status));
        Assert.Equal(Now, @case.EndedAtUtc);
        Assert.Equal(CaseOutcome.InPersonVisit, @case.Outcome);
    }
}
