using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Scoring;

/// <summary>
/// Who sees the model's risk score. The dermatologists of the department always do: the score orders their
/// worklist. A GP sees it on their own request only when the department has chosen so
/// (<see cref="Department.RiskScoresVisibleToGps"/>, off by default): an unvalidated number read before the
/// dermatologist's answer anchors the GP's judgement and, read aloud, the patient's.
/// </summary>
public static class RiskScoreVisibility
{
    public static async Task<bool> CanSeeAsync(Actor user, Guid departmentId, TeleDermDbContext db, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.GP))
        {
            return true;
        }
        return await db.Departments.AsNoTracking().AnyAsync(d => d.Id == departmentId && d.RiskScoresVisibleToGps, cancellationToken);
    }

    /// <summary>Takes the scores off images read for someone who may not see them, so they never reach the page.</summary>
    public static void Hide(TeleExpertiseCase @case, IEnumerable<LesionImage> images)
    {
        @case.MaxRisk = null;
        foreach (var image in images)
        {
            image.Risk = null;
            image.RiskBand = null;
            image.FeaturesJson = null;
            image.ModelName = null;
            image.ModelVersion = null;
        }
    }
}
