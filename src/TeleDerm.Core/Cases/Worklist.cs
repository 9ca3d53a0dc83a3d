using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Cases;

public enum RiskBandFilter
{
    Any,
    Low,
    Intermediate,
    High,
    NotScored,
}

/// <summary>Filters of the worklist; every one optional.</summary>
public sealed record WorklistFilter(
    CaseStatus? Status = null,
    Urgency? Urgency = null,
    RiskBandFilter Risk = RiskBandFilter.Any,
    bool MineOnly = false);

/// <summary>One worklist row: what a dermatologist needs to triage, and no more (no name: age and sex only).</summary>
public sealed record WorklistRow(
    Guid CaseId,
    string Reference,
    int PatientAge,
    Sex PatientSex,
    int LesionCount,
    int ImageCount,
    double? MaxRisk,
    Urgency Urgency,
    CaseStatus Status,
    DateTime SubmittedAtUtc,
    DateTime ServiceDueAtUtc,
    DateTime PriorityDueAtUtc,
    string? AssignedDermatologistId,
    bool IsFollowUp = false);

public sealed record WorklistPage(IReadOnlyList<WorklistRow> Rows, int Total);

/// <summary>
/// The open cases of one department, in priority order (<see cref="TriagePriority"/>): one indexed range
/// scan on (DepartmentId, Status, PriorityDueAtUtc), then a page. Risk bands use the model's thresholds
/// given by the caller, so the filter follows the active model's card.
/// </summary>
public sealed class Worklist(IDbContextFactory<TeleDermDbContext> dbFactory, TimeProvider clock)
{
    public async Task<WorklistPage> PageAsync(Guid departmentId, string dermatologistId, WorklistFilter filter, RiskBands bands,
        int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var statuses = filter.Status is { } one ? [one] : CaseLifecycle.OpenStatuses;
        var cases = db.Set<TeleExpertiseCase>().AsNoTracking()
            .Where(c => c.DepartmentId == departmentId && statuses.Contains(c.Status));
        if (filter.Urgency is { } urgency)
        {
            cases = cases.Where(c => c.Urgency == urgency);
        }
        if (filter.MineOnly)
        {
            cases = cases.Where(c => c.AssignedDermatologistId == dermatologistId);
        }
        cases = filter.Risk switch
        {
            RiskBandFilter.NotScored => cases.Where(c => c.MaxRisk == null),
            RiskBandFilter.Low => cases.Where(c => c.MaxRisk < bands.IntermediateFrom),
            RiskBandFilter.Intermediate => cases.Where(c => c.MaxRisk >= bands.IntermediateFrom && c.MaxRisk < bands.HighFrom),
            RiskBandFilter.High => cases.Where(c => c.MaxRisk >= bands.HighFrom),
            _ => cases,
        };
        var total = await cases.CountAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await cases
            .OrderBy(c => c.PriorityDueAtUtc).ThenBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id)
            .Skip(skip).Take(take)
            .Select(c => new
            {
                c.Id, c.Reference, c.Patient!.BirthDate, c.Patient.Sex, LesionCount = c.Lesions.Count,
                ImageCount = db.Set<LesionImage>().Count(i => i.CaseId == c.Id),
                c.MaxRisk, c.Urgency, c.Status, c.SubmittedAtUtc, c.ServiceDueAtUtc, c.PriorityDueAtUtc, c.AssignedDermatologistId,
                // New photos of a lesion photographed before: the viewer has its priors to compare with.
                IsFollowUp = c.Lesions.Any(l => l.Lesion!.CreatedAtUtc < c.CreatedAtUtc),
            })
            .ToListAsync(cancellationToken);
        return new WorklistPage(
            [.. rows.Select(r => new WorklistRow(r.Id, r.Reference, Patient.Age(r.BirthDate, today), r.Sex, r.LesionCount, r.ImageCount, r.MaxRisk,
                r.Urgency, r.Status, r.SubmittedAtUtc!.Value, r.ServiceDueAtUtc!.Value, r.PriorityDueAtUtc!.Value, r.AssignedDermatologistId, r.IsFollowUp))],
            total);
    }

    /// <summary>
    /// For the rows of a page: one image per lesion of each case (its newest, dermoscopic first), at most
    /// <paramref name="perCase"/>, for thumbnails. One query for the whole page, by the indexed case id, reading only
    /// what a thumbnail needs (an open worklist keeps them for as long as it is open).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<WorklistThumbnail>>> ThumbnailsAsync(IReadOnlyCollection<Guid> caseIds, int perCase = 3,
        CancellationToken cancellationToken = default)
    {
        if (caseIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<WorklistThumbnail>>();
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var images = await db.Set<LesionImage>().AsNoTracking().Where(i => caseIds.Contains(i.CaseId))
            .Select(i => new { i.CaseId, i.LesionId, i.Kind, i.AcquiredAtUtc, i.StudyInstanceUid, i.SeriesInstanceUid, i.SopInstanceUid })
            .ToListAsync(cancellationToken);
        return images.GroupBy(i => i.CaseId).ToDictionary(
            c => c.Key,
            c => (IReadOnlyList<WorklistThumbnail>)[.. c.GroupBy(i => i.LesionId)
                .Select(l => l.OrderByDescending(i => i.Kind == ImageKind.Dermoscopic).ThenByDescending(i => i.AcquiredAtUtc).First())
                .OrderBy(i => i.LesionId).Take(perCase)
                .Select(i => new WorklistThumbnail(i.Kind, i.StudyInstanceUid, i.SeriesInstanceUid, i.SopInstanceUid))]);
    }
}

/// <summary>What a worklist row's thumbnail needs: the photo's kind and where it is in the image store.</summary>
public sealed record WorklistThumbnail(ImageKind Kind, string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid);

/// <summary>Where the risk bands start, from the active model's card (defaults until a model says otherwise).</summary>
public sealed record RiskBands(double IntermediateFrom = 0.3, double HighFrom = 0.6)
{
    public string BandOf(double? risk) => risk switch
    {
        null => "not-scored",
        var r when r >= HighFrom => "high",
        var r when r >= IntermediateFrom => "intermediate",
        _ => "low",
    };
}
