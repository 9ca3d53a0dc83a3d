using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Intake;

/// <summary>
/// Photos a GP sends with a reply ("here is the dermoscopic photo you asked for"): checked, stored as new
/// instances of the case's study in a new series, and handed back as records to save with the reply.
/// </summary>
public sealed class FollowUpPhotos(IDbContextFactory<TeleDermDbContext> dbFactory, IIntakePhotoStore photos, IOptions<IntakeOptions> options,
    UncommittedPhotos uncommitted)
{
    public async Task<(IReadOnlyList<LesionImage> Images, IReadOnlyList<IntakeError> Errors)> StoreAsync(
        Guid caseId, Actor gp, Guid lesionId, IReadOnlyList<PhotoInput> inputs, CancellationToken cancellationToken = default)
    {
        if (inputs.Count == 0)
        {
            return ([], []);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Patient).Include(c => c.Lesions).ThenInclude(l => l.Lesion)
            .SingleOrDefaultAsync(c => c.Id == caseId && c.SubmittedByUserId == gp.UserId, cancellationToken);
        var lesion = @case?.Lesions.SingleOrDefault(l => l.LesionId == lesionId)?.Lesion;
        if (@case is null || lesion is null)
        {
            return ([], [new IntakeError("lesion", "Choose a lesion of this request for the photos.", "FollowUpNoLesion")]);
        }
        if (inputs.Count > options.Value.MaxPhotos)
        {
            return ([], [new IntakeError("photos", $"At most {options.Value.MaxPhotos} photos at once ({inputs.Count} given).", "TooManyPhotosAtOnce", options.Value.MaxPhotos, inputs.Count)]);
        }
        var errors = new List<IntakeError>();
        var prepared = await photos.CheckAsync(inputs, PhotoOwner.Of(@case.Patient!), reidentify: false, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return ([], errors);
        }
        var existing = await db.Set<LesionImage>().Where(i => i.CaseId == caseId).Select(i => new { i.StudyInstanceUid, i.SeriesInstanceUid }).ToListAsync(cancellationToken);
        var study = existing.Count > 0 ? existing[0].StudyInstanceUid : photos.NewUid();
        var target = new PhotoTarget(@case.Patient!, @case.Id, @case.Reference, lesion, study, photos.NewUid(),
            existing.Select(i => i.SeriesInstanceUid).Distinct().Count() + 1, existing.Count);
        var images = new List<LesionImage>();
        foreach (var photo in inputs)
        {
            target = target with { InstanceNumber = target.InstanceNumber + 1 };
            try
            {
                var image = await photos.StoreAsync(photo, prepared, target, reidentify: false, cancellationToken);
                // Saved with the reply by the caller: until then (or if it never is), an uncommitted photo.
                await uncommitted.RememberAsync(caseId, image.SopInstanceUid, cancellationToken);
                images.Add(image);
            }
            catch (PhotoNotStoredException notStored)
            {
                return ([], [notStored.ToIntakeError()]);
            }
        }
        return (images, []);
    }
}
