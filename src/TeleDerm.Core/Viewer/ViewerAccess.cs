using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Viewer;

/// <summary>
/// Who may see an image. An image belongs to the case it was taken for, but it is also the prior of the
/// same lesion in every later request: whoever may view a case that includes the lesion may view all of
/// that lesion's images, so the dermatologist sees the history the GP sent before. A null answer means
/// "not there or not yours", never which.
/// </summary>
public sealed class ViewerAccess(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    public async Task<LesionImage?> ViewableImageAsync(Actor user, string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var image = await db.Set<LesionImage>().AsNoTracking().SingleOrDefaultAsync(i => i.SopInstanceUid == sopInstanceUid, cancellationToken);
        if (image is null)
        {
            return null;
        }
        var caseIds = db.Set<CaseLesion>().Where(l => l.LesionId == image.LesionId).Select(l => l.CaseId);
        var cases = await db.Set<TeleExpertiseCase>().AsNoTracking()
            .Where(c => c.Id == image.CaseId || caseIds.Contains(c.Id))
            .ToListAsync(cancellationToken);
        return cases.Any(c => MayView(user, c)) ? image : null;
    }

    /// <summary>The case if the user may view it (with the same rule as the case page: drafts are their GP's alone).</summary>
    public async Task<TeleExpertiseCase?> ViewableCaseAsync(Actor user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        return @case is not null && MayView(user, @case) ? @case : null;
    }

    internal static bool MayView(Actor user, TeleExpertiseCase @case) =>
        RecordAccess.CanView(user, @case) && (@case.Status != CaseStatus.Draft || user.IsInRole(Accounts.Roles.GP));
}
