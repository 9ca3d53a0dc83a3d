using TeleDerm.Core.Cases;
using TeleDerm.Core.Events;
using TeleDerm.Core.Notices;

namespace TeleDerm.Core.Tests.Cases;

/// <summary>Who hears of what happened to a case: only those it concerns, never of their own action.</summary>
public sealed class CaseNoticesTests
{
    private static readonly Guid Department = Guid.NewGuid();
    private const string Gp = "gp", Derm = "derm", Colleague = "colleague";

    private static TeleExpertiseCase Case(CaseStatus status, string? assignee, params CaseMessage[] messages)
    {
        var @case = new TeleExpertiseCase { Id = Guid.NewGuid(), Reference = "TD-1", SubmittedByUserId = Gp, DepartmentId = Department, Status = status, AssignedDermatologistId = assignee };
        @case.Messages.AddRange(messages);
        return @case;
    }

    private static CaseMessage Message(MessageKind kind, string author, int minute) =>
        new() { Kind = kind, AuthorUserId = author, AtUtc = new DateTime(2026, 12, 6, 9, minute, 0, DateTimeKind.Utc) };

    private static NoticeReader GpReader => new(Gp, null, IsDermatologist: false, OpenCaseId: null);
    private static NoticeReader DermReader(Guid? open = null) => new(Derm, Department, IsDermatologist: true, open);

    [Fact]
    public void The_GP_hears_of_a_question_and_the_dermatologist_who_asked_does_not()
    {
        var @case = Case(CaseStatus.WaitingForGp, Derm, Message(MessageKind.Question, Derm, 1));

        Assert.Equal((CaseNoticeKind.QuestionAsked, Derm), CaseNotices.Decide(CaseEventKind.MessageAdded, @case, GpReader));
        Assert.Null(CaseNotices.Decide(CaseEventKind.MessageAdded, @case, DermReader()));
    }

    [Fact]
    public void The_assigned_dermatologist_hears_of_the_reply_a_colleague_and_the_GP_do_not()
    {
        var @case = Case(CaseStatus.InReview, Derm, Message(MessageKind.Question, Derm, 1), Message(MessageKind.Reply, Gp, 2));

        Assert.Equal((CaseNoticeKind.QuestionAnswered, Gp), CaseNotices.Decide(CaseEventKind.MessageAdded, @case, DermReader()));
        Assert.Null(CaseNotices.Decide(CaseEventKind.MessageAdded, @case, GpReader));
        Assert.Null(CaseNotices.Decide(CaseEventKind.MessageAdded, @case, new NoticeReader(Colleague, Department, true, null)));
    }

    [Fact]
    public void The_GP_hears_of_the_signed_report_with_its_author()
    {
        var @case = Case(CaseStatus.Answered, Derm);

        Assert.Equal((CaseNoticeKind.ReportSigned, Derm), CaseNotices.Decide(CaseEventKind.ReportSigned, @case, GpReader));
        Assert.Null(CaseNotices.Decide(CaseEventKind.ReportSigned, @case, DermReader()));
    }

    [Fact]
    public void A_colleagues_claim_is_told_only_to_a_dermatologist_who_has_the_case_open()
    {
        var @case = Case(CaseStatus.Claimed, Colleague);

        Assert.Equal((CaseNoticeKind.ClaimedByColleague, Colleague), CaseNotices.Decide(CaseEventKind.StatusChanged, @case, DermReader(open: @case.Id)));
        Assert.Null(CaseNotices.Decide(CaseEventKind.StatusChanged, @case, DermReader(open: null)));
        Assert.Null(CaseNotices.Decide(CaseEventKind.StatusChanged, Case(CaseStatus.Claimed, Derm), DermReader(open: @case.Id)));
    }

    [Fact]
    public void The_cheap_first_look_lets_through_only_events_that_may_concern_the_reader()
    {
        var mine = new CaseEvent(Guid.NewGuid(), Guid.NewGuid(), Gp, CaseEventKind.MessageAdded, DateTime.UtcNow);
        var otherGps = mine with { SubmittedByUserId = "other-gp" };
        var scored = mine with { Kind = CaseEventKind.ImageScored };

        Assert.True(CaseNotices.MayConcern(mine, GpReader));
        Assert.False(CaseNotices.MayConcern(otherGps, GpReader));
        Assert.False(CaseNotices.MayConcern(scored, GpReader));
        Assert.False(CaseNotices.MayConcern(mine with { Kind = CaseEventKind.StatusChanged, DepartmentId = Department }, DermReader(open: null)));
    }
}
