using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Hosting;

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
/// when sent or discarded. Photo files live under the data folder (drafts/{id}/), readable only by the app.
/// </summary>
public sealed class IntakeDrafts(IDbContextFactory<TeleDermDbContext> dbFactory, IOptions<TeleDermOptions> options, IAuditTrail audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<LoadedDraft?> LoadAsync(string gpUserId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var draft = await db.Set<IntakeDraft>().AsNoTracking().Where(d => d.GpUserId == gpUserId).OrderByDescending(d => d.UpdatedAtUtc).FirstOrDefaultAsync();
        if (draft is null)
        {
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
                photos[photo.Id] = await File.ReadAllBytesAsync(path);
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
            await audit.AppendAsync(new AuditEvent("intake-draft.created", AuditOutcome.Success, gpUserId, RecordType: "intake-draft", RecordId: draft.Id.ToString()));
        }
        draft.StateJson = JsonSerializer.Serialize(state, Json);
        draft.UpdatedAtUtc = now;
        await db.SaveChangesAsync();

        var folder = Directory.CreateDirectory(Folder(draft.Id)).FullName;
        foreach (var (photoId, bytes) in newPhotos)
        {
            await File.WriteAllBytesAsync(PhotoPath(draft.Id, photoId), bytes);
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

    private string Folder(Guid draftId) => Path.Combine(options.Value.ResolveDataDirectory(), "drafts", draftId.ToString("N"));

    private string PhotoPath(Guid draftId, Guid photoId) => Path.Combine(Folder(draftId), photoId.ToString("N"));
}
