using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;

namespace TeleDerm.Core.Notices;

/// <summary>Something that happened to a case and that its reader should hear of wherever they are in the app.</summary>
public enum CaseNoticeKind
{
    /// <summary>To the GP who asked: the dermatologist needs more before answering.</summary>
    QuestionAsked,
    /// <summary>To the dermatologist who asked: the GP replied.</summary>
    QuestionAnswered,
    /// <summary>To the GP who asked: the signed report is there.</summary>
    ReportSigned,
    /// <summary>To a dermatologist who has the case open: a colleague took it.</summary>
    ClaimedByColleague,
}

/// <param name="ActorName">Who did it (the colleague who claimed, the dermatologist who asked…).</param>
public sealed record CaseNotice(Guid CaseId, string Reference, CaseNoticeKind Kind, string ActorName);

/// <summary>
/// Which live case events become a notice for which reader. Events carry no patient data, so a notice is worked
/// out from the case as stored now, and only for someone the case concerns: the GP who asked, the dermatologist it
/// is assigned to, or a dermatologist looking at it. Nobody is told of their own action.
/// </summary>
public sealed class CaseNotices(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    /// <summary>A cheap first look (no database), run for every event of the instance.</summary>
    public static bool MayConcern(CaseEvent e, NoticeReader reader) => e.Kind switch
    {
        CaseEventKind.MessageAdded or CaseEventKind.ReportSigned => e.SubmittedByUserId == reader.UserId || e.DepartmentId == reader.DepartmentId,
        CaseEventKind.StatusChanged => e.DepartmentId == reader.DepartmentId && e.CaseId == reader.OpenCaseId,
        _ => false,
    };

    public async Task<CaseNotice?> ForAsync(CaseEvent e, NoticeReader reader, CancellationToken cancellationToken = default)
    {
        if (!MayConcern(e, reader))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Messages)
            .SingleOrDefaultAsync(c => c.Id == e.CaseId, cancellationToken);
        if (@case is null || Decide(e.Kind, @case, reader) is not { } notice)
        {
            return null;
        }
        var name = await db.Users.Where(u => u.Id == notice.ActorId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        return new CaseNotice(@case.Id, @case.Reference, notice.Kind, name);
    }

    /// <summary>The rule itself, on the case as it is now: which notice, if any, and whose action it reports.</summary>
    public static (CaseNoticeKind Kind, string ActorId)? Decide(CaseEventKind kind, TeleExpertiseCase @case, NoticeReader reader)
    {
        var isOwnerGp = @case.SubmittedByUserId == reader.UserId;
        var isAssignee = @case.AssignedDermatologistId == reader.UserId;
        var latest = @case.Messages.OrderBy(m => m.AtUtc).LastOrDefault();
        return kind switch
        {
            CaseEventKind.MessageAdded when latest is { Kind: MessageKind.Question } && isOwnerGp && latest.AuthorUserId != reader.UserId
                => (CaseNoticeKind.QuestionAsked, latest.AuthorUserId),
            CaseEventKind.MessageAdded when latest is { Kind: MessageKind.Reply } && isAssignee && latest.AuthorUserId != reader.UserId
                => (CaseNoticeKind.QuestionAnswered, latest.AuthorUserId),
            CaseEventKind.ReportSigned when isOwnerGp && @case.AssignedDermatologistId is { } author
                => (CaseNoticeKind.ReportSigned, author),
            CaseEventKind.StatusChanged when reader.IsDermatologist && reader.OpenCaseId == @case.Id && @case.Status == CaseStatus.Claimed
                && @case.AssignedDermatologistId is { } colleague && colleague != reader.UserId
                => (CaseNoticeKind.ClaimedByColleague, colleague),
            _ => null,
        };
    }
}

/// <summary>Who might be told: their id, department (staff), role, and the case they have open, if any.</summary>
public sealed record NoticeReader(string UserId, Guid? DepartmentId, bool IsDermatologist, Guid? OpenCaseId);
