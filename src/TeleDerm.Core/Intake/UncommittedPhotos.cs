using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Intake;

/// <summary>
/// Photos stored for requests that were never saved: remembered as they are stored, forgotten when the request
/// is saved, and removed from the image store by <see cref="SweepAsync"/> once older than
/// <see cref="IntakeOptions.UncommittedPhotosAfter"/> (longer than any submission) unless a saved image refers to
/// them after all. So a crash between storing photos and saving the request leaves nothing behind for long.
/// </summary>
public sealed class UncommittedPhotos(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    IIntakePhotoStore photos,
    TimeProvider clock,
    IOptions<IntakeOptions> options,
    ILogger<UncommittedPhotos> logger)
{
    /// <summary>Right after <paramref name="sopInstanceUid"/> is stored for the request <paramref name="caseId"/>.</summary>
    public async Task RememberAsync(Guid caseId, string sopInstanceUid, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<UncommittedPhoto>().AnyAsync(p => p.CaseId == caseId && p.SopInstanceUid == sopInstanceUid, cancellationToken))
        {
            db.Add(new UncommittedPhoto { CaseId = caseId, SopInstanceUid = sopInstanceUid, StoredAtUtc = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>In the transaction that saves the request: its photos are its own now.</summary>
    internal static Task ForgetAsync(TeleDermDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        db.Set<UncommittedPhoto>().Where(p => p.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Removes the photos left by requests never saved; returns how many left the store.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Value.UncommittedPhotosAfter;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var left = await db.Set<UncommittedPhoto>().AsNoTracking().Where(p => p.StoredAtUtc <= before)
            .OrderBy(p => p.StoredAtUtc).Take(500).ToListAsync(cancellationToken);
        // A saved image (this request saved after all, a reply, another request with the same DICOM file) keeps its photo.
        var uids = left.Select(p => p.SopInstanceUid).Distinct().ToList();
        var kept = (await db.Set<LesionImage>().Where(i => uids.Contains(i.SopInstanceUid)).Select(i => i.SopInstanceUid).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var photo in left)
        {
            if (!kept.Contains(photo.SopInstanceUid) && await photos.DiscardAsync(photo.SopInstanceUid, cancellationToken))
            {
                removed++;
            }
            await db.Set<UncommittedPhoto>().Where(p => p.CaseId == photo.CaseId && p.SopInstanceUid == photo.SopInstanceUid)
                .ExecuteDeleteAsync(cancellationToken);
        }
        if (left.Count > 0)
        {
            logger.LogInformation("Uncommitted photos: {Removed} removed from the image store, {Kept} kept by saved images", removed, left.Count - removed);
        }
        return removed;
    }
}

/// <summary>Runs <see cref="UncommittedPhotos.SweepAsync"/> every <see cref="IntakeOptions.UncommittedPhotoSweepInterval"/>.</summary>
public sealed class UncommittedPhotoSweeper(UncommittedPhotos photos, TimeProvider clock, IOptions<IntakeOptions> options, ILogger<UncommittedPhotoSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await photos.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sweeping uncommitted photos failed; it will try again");
            }
            try
            {
                await Task.Delay(options.Value.UncommittedPhotoSweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
