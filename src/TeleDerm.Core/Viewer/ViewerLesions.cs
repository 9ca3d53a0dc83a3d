using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Viewer;

/// <summary>One lesion of a case as the viewer shows it: every image of it over time, oldest first, priors from earlier requests included.</summary>
public sealed record ViewerLesion(Lesion Lesion, IReadOnlyList<LesionImage> Images)
{
    /// <summary>The lesion's histology results (any request), oldest sample first: the timeline shows where the story ended.</summary>
    public IReadOnlyList<Histology.HistologyResult> Histology { get; init; } = [];

    /// <summary>The default pair: the newest image and its prior (<see cref="LesionPriors"/>; null when the lesion has none).</summary>
    public (LesionImage? Current, LesionImage? Prior) DefaultPair()
    {
        var current = Images.Count == 0 ? null : Images[^1];
        return (current, current is null ? null : LesionPriors.PriorOf(current, Images));
    }

    /// <summary>
    /// What the viewer's panes show first, in date order (oldest on the left, as people read): with two panes the
    /// prior beside the newest, or, for a lesion seen once, two photos of that visit; with four, the last four.
    /// Panes left over stay empty (null).
    /// </summary>
    public IReadOnlyList<LesionImage?> DefaultPanes(int count)
    {
        var panes = new LesionImage?[count];
        var (current, prior) = DefaultPair();
        if (current is null)
        {
            return panes;
        }
        IReadOnlyList<LesionImage> shown = count switch
        {
            1 => [current],
            2 when prior is not null => [prior, current],
            _ => [.. Images.TakeLast(count)],
        };
        for (var i = 0; i < shown.Count; i++)
        {
            panes[i] = shown[i];
        }
        return panes;
    }
}

/// <param name="RiskVisible">Whether this reader may see the model's scores (<see cref="Scoring.RiskScoreVisibility"/>); when not, the images carry none.</param>
public sealed record ViewerCase(TeleExpertiseCase Case, IReadOnlyList<ViewerLesion> Lesions, bool RiskVisible);

/// <summary>What the viewer page loads: the case's lesions with their whole image history (same lesion, any earlier case).</summary>
public sealed class ViewerQueries(IDbContextFactory<TeleDermDbContext> dbFactory, ViewerAccess access)
{
    public async Task<ViewerCase?> LoadAsync(Actor user, Guid caseId, CancellationToken cancellationToken = default)
    {
        var @case = await access.ViewableCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Whose images these are stays in sight while reading them (name, age, sex in the viewer's side list).
        @case.Patient = await db.Set<Patient>().AsNoTracking().SingleAsync(p => p.Id == @case.PatientId, cancellationToken);
        var lesions = await db.Set<CaseLesion>().AsNoTracking().Where(l => l.CaseId == caseId).Include(l => l.Lesion).Select(l => l.Lesion!).ToListAsync(cancellationToken);
        var lesionIds = lesions.Select(l => l.Id).ToList();
        // Priors of these lesions from cases the user cannot otherwise open are shown too: the lesion is in this case.
        var images = await db.Set<LesionImage>().AsNoTracking().Where(i => lesionIds.Contains(i.LesionId)).ToListAsync(cancellationToken);
        var riskVisible = await Scoring.RiskScoreVisibility.CanSeeAsync(user, @case.DepartmentId, db, cancellationToken);
        if (!riskVisible)
        {
            Scoring.RiskScoreVisibility.Hide(@case, images);
        }
        var histology = await db.Set<Histology.HistologyResult>().AsNoTracking().Where(r => lesionIds.Contains(r.LesionId)).ToListAsync(cancellationToken);
        return new ViewerCase(@case, [.. lesions.OrderBy(l => l.CreatedAtUtc).Select(l => new ViewerLesion(l,
            [.. images.Where(i => i.LesionId == l.Id).OrderBy(i => i.AcquiredAtUtc).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal)])
        {
            Histology = [.. histology.Where(r => r.LesionId == l.Id).OrderBy(r => r.SampledOn).ThenBy(r => r.RecordedAtUtc)],
        })], riskVisible);
    }
}
