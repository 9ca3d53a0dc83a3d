using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;
using TeleDerm.Core.Imaging;
using TeleDerm.Dicom.Stores;

namespace TeleDerm.Dicom.Storage;

/// <summary>The file-system store's index as rows of DicomInstances.</summary>
public sealed class EfDicomStoreIndex(IDbContextFactory<TeleDermDbContext> databases) : IDicomStoreIndex
{
    public async Task<DicomIndexEntry?> FindAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var record = await db.DicomInstances.AsNoTracking().SingleOrDefaultAsync(r => r.SopInstanceUid == sopInstanceUid, cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToEntry(record);
    }

    public async Task<IReadOnlyList<DicomIndexEntry>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var records = db.DicomInstances.AsNoTracking();
        if (query.PatientId is not null)
            records = records.Where(r => r.PatientId == query.PatientId);
        if (query.StudyInstanceUid is not null)
            records = records.Where(r => r.StudyInstanceUid == query.StudyInstanceUid);
        if (query.TrackingUid is not null)
            records = records.Where(r => r.TrackingUid == query.TrackingUid);
        var found = await records.OrderBy(r => r.AcquisitionDateTime).ThenBy(r => r.SopInstanceUid).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Select(ToEntry).ToList();
    }

    public async Task<bool> RemoveAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.DicomInstances.Where(r => r.SopInstanceUid == sopInstanceUid).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> TryAddAsync(DicomIndexEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.DicomInstances.Add(new DicomInstanceRecord
        {
            SopInstanceUid = entry.SopInstanceUid,
            StudyInstanceUid = entry.StudyInstanceUid,
            SeriesInstanceUid = entry.SeriesInstanceUid,
            SopClassUid = entry.SopClassUid,
            PatientId = entry.PatientId,
            TrackingUid = entry.TrackingUid,
            AcquisitionDateTime = AsStored(entry.AcquisitionDateTime),
            RelativePath = entry.RelativePath,
            Size = entry.Size,
            Sha256 = entry.Sha256,
            StoredAtUtc = entry.StoredAtUtc,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // The primary key is the SOP Instance UID: a concurrent writer got there first, or it is another failure.
            if (await ExistsAsync(entry.SopInstanceUid, cancellationToken).ConfigureAwait(false))
                return false;
            throw;
        }
    }

    private async Task<bool> ExistsAsync(string sopInstanceUid, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.DicomInstances.AnyAsync(r => r.SopInstanceUid == sopInstanceUid, cancellationToken).ConfigureAwait(false);
    }

    // Acquisition DateTime is the wall-clock time the file gives, without offset. The database keeps every
    // time as a UTC DateTime (PostgreSQL's timestamptz accepts nothing else), so the wall clock is stored as
    // if it were UTC and read back unspecified.
    private static DateTime? AsStored(DateTime? wallClock) => wallClock is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;

    private static DateTime? AsRead(DateTime? stored) => stored is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Unspecified) : null;

    private static DicomIndexEntry ToEntry(DicomInstanceRecord r) =>
        new(r.StudyInstanceUid, r.SeriesInstanceUid, r.SopInstanceUid, r.SopClassUid, r.PatientId, r.TrackingUid,
            AsRead(r.AcquisitionDateTime), r.RelativePath, r.Size, r.Sha256, r.StoredAtUtc);
}
