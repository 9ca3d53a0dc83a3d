using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Hosting;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Features.Intake;

/// <summary>The New request form as saved in a draft; photos are named by id and kept as files.</summary>
public sealed record IntakeDraftState(
    PatientInput Patient, string Reason, Questionnaire Questionnaire, Urgency Urgency, string? UrgencyReason, bool Consent,
    Guid DepartmentId, IReadOnlyList<LesionDraftState> Lesions);

public sealed record LesionDraftState(string BodySiteCode, Laterality Laterality, string? Description, ImageKind Kind, IReadOnlyList<DraftPhoto> Photos);

public sealed record DraftPhoto(Guid Id, string FileName, ImageKind Kind);

public sealed record LoadedDraft(Guid Id, DateTime UpdatedAtUtc, IntakeDraftState State, IReadOnlyDictionary<Guid, byte[]> Photos);

/// <summary>
/// Drafts of requests, one per GP at a time: saved as the GP types, restored when they come back, deleted
/// when sent or discarded, and deleted anyway once untouched for TeleDerm:Intake:DraftRetention (7 days; the
/// page says so). Photo files live under the data folder (drafts/{id}/), encrypted with Data Protection: a copy
/// of the folder shows no patient's skin.
/// </summary>
public sealed class IntakeDrafts(IDbContextFactory<TeleDermDbContext> dbFactory, IOptions<TeleDermOptions> options, IOptions<IntakeOptions> intake,
    IDataProtectionProvider protection, IAuditTrail audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector photoProtector = protection.CreateProtector("TeleDerm.Intake.DraftPhotos.v1");

    public async Task<LoadedDraft?> LoadAsync(string gpUserId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var draft = await db.Set<IntakeDraft>().AsNoTracking().Where(d => d.GpUserId == gpUserId).OrderByDescending(d => d.UpdatedAtUtc).FirstOrDefaultAsync();
        if (draft is null)
        {
            return null;
        }
        if (IsExpired(draft.UpdatedAtUtc))
        {
            await DeleteAsync(draft.Id, AuditActions.IntakeDraftExpired, gpUserId);
            return null;
        }
        IntakeDraftState? state;
        try
        {
            state = JsonSerializer.Deserialize<IntakeDraftState>(draft.StateJson, Json);
        }
        catch (JsonException)
        {
            // A draft of an older form that no longer reads: better start afresh than fail the page.
            state = null;
        }
        if (state is null)
        {
            await DiscardAsync(gpUserId, draft.Id);
            return null;
        }
        var photos = new Dictionary<Guid, byte[]>();
        foreach (var photo in state.Lesions.SelectMany(l => l.Photos))
        {
            var path = PhotoPath(draft.Id, photo.Id);
            if (File.Exists(path))
            {
                photos[photo.Id] = Unprotect(await File.ReadAllBytesAsync(path));
            }
        }
        return new LoadedDraft(draft.Id, draft.UpdatedAtUtc, state, photos);
    }

    /// <summary>Creates or updates the GP's draft; writes the photos not saved yet and removes those no longer in it.</summary>
    public async Task<(Guid Id, DateTime SavedAtUtc)> SaveAsync(string gpUserId, Guid? draftId, IntakeDraftState state, IReadOnlyDictionary<Guid, byte[]> newPhotos)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = draftId is { } id ? await db.Set<IntakeDraft>().SingleOrDefaultAsync(d => d.Id == id && d.GpUserId == gpUserId) : null;
        if (draft is null)
        {
            draft = new IntakeDraft { Id = Guid.NewGuid(), GpUserId = gpUserId };
            db.Add(draft);
            await audit.AppendAsync(new AuditEvent(AuditActions.IntakeDraftCreated, AuditOutcome.Success, gpUserId, RecordType: "intake-draft", RecordId: draft.Id.ToString()));
        }
        draft.StateJson = JsonSerializer.Serialize(state, Json);
        draft.UpdatedAtUtc = now;
        await db.SaveChangesAsync();

        var folder = Directory.CreateDirectory(Folder(draft.Id)).FullName;
        foreach (var (photoId, bytes) in newPhotos)
        {
            await File.WriteAllBytesAsync(PhotoPath(draft.Id, photoId), photoProtector.Protect(bytes));
        }
        var kept = state.Lesions.SelectMany(l => l.Photos).Select(p => p.Id.ToString("N")).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => !kept.Contains(Path.GetFileName(f))))
        {
            File.Delete(file);
        }
        return (draft.Id, now);
    }

    public async Task DiscardAsync(string gpUserId, Guid draftId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var deleted = await db.Set<IntakeDraft>().Where(d => d.Id == draftId && d.GpUserId == gpUserId).ExecuteDeleteAsync();
        if (deleted > 0 && Directory.Exists(Folder(draftId)))
        {
            Directory.Delete(Folder(draftId), recursive: true);
        }
    }

    /// <summary>Deletes every draft untouched for longer than the retention, with its photos; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - intake.Value.DraftRetention;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.Set<IntakeDraft>().AsNoTracking().Where(d => d.UpdatedAtUtc < before).Select(d => new { d.Id, d.GpUserId }).ToListAsync(cancellationToken);
        foreach (var draft in expired)
        {
            await DeleteAsync(draft.Id, AuditActions.IntakeDraftExpired, draft.GpUserId);
        }
        return expired.Count;
    }

    private bool IsExpired(DateTime updatedAtUtc) => clock.GetUtcNow().UtcDateTime - updatedAtUtc > intake.Value.DraftRetention;

    private async Task DeleteAsync(Guid draftId, string auditAction, string gpUserId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Set<IntakeDraft>().Where(d => d.Id == draftId).ExecuteDeleteAsync();
        if (Directory.Exists(Folder(draftId)))
        {
            Directory.Delete(Folder(draftId), recursive: true);
        }
        await audit.AppendAsync(new AuditEvent(auditAction, AuditOutcome.Success, gpUserId, RecordType: "intake-draft", RecordId: draftId.ToString(),
            Details: $"untouched for more than {intake.Value.DraftRetention.TotalDays:0.#} days"));
    }

    /// <summary>Draft photos written before they were encrypted are read as they are (and encrypted at the next save).</summary>
    private byte[] Unprotect(byte[] stored)
    {
        try
        {
            return photoProtector.Unprotect(stored);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return stored;
        }
    }

    private string Folder(Guid draftId) => Path.Combine(options.Value.ResolveDataDirectory(), "drafts", draftId.ToString("N"));

    private string PhotoPath(Guid draftId, Guid photoId) => Path.Combine(Folder(draftId), photoId.ToString("N"));
}
