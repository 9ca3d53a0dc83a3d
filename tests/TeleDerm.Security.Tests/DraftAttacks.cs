using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Core.Intake;

namespace TeleDerm.Security.Tests;

/// <summary>The attacked app keeping drafts for two seconds, to watch one expire.</summary>
public sealed class ShortDraftApp() : AttackedApp(new Dictionary<string, string?> { ["TeleDerm:Intake:DraftRetention"] = "00:00:02" });

/// <summary>Item 10 of the penetration test: intake drafts kept photos unencrypted and forever.</summary>
public sealed class DraftAttacks(ShortDraftApp app) : IClassFixture<ShortDraftApp>
{
    private static IntakeDraftState State(Guid photoId) => new(
        new PatientInput("Moreau", "Lucie", new DateOnly(1972, 5, 9), Sex.Female, null), "Changing mole.", new Questionnaire(), Urgency.Routine, null, true,
        Guid.NewGuid(), [new LesionDraftState("77568009", Laterality.Left, null, ImageKind.Dermoscopic, [new DraftPhoto(photoId, "lesion.jpg", ImageKind.Dermoscopic)])]);

    [Fact]
    public async Task A_draft_photo_is_encrypted_on_disk_and_the_draft_is_deleted_once_expired()
    {
        var drafts = app.Services.GetRequiredService<IntakeDrafts>();
        var photo = IntakeApiRequests.Isic("ISIC_0000031.jpg");
        var photoId = Guid.NewGuid();
        var (draftId, _) = await drafts.SaveAsync("gp-draft", null, State(photoId), new Dictionary<Guid, byte[]> { [photoId] = photo });

        var onDisk = await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(app.DataDirectory, "drafts", draftId.ToString("N"))).Single());
        Assert.False(onDisk.AsSpan().IndexOf(photo.AsSpan(0, 64)) >= 0, "the photo's bytes are on disk in clear");
        Assert.NotEqual((byte)0xFF, onDisk[0]);
        Assert.Equal(photo, (await drafts.LoadAsync("gp-draft"))!.Photos[photoId]);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Null(await drafts.LoadAsync("gp-draft"));

        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "drafts", draftId.ToString("N"))));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        Assert.False(await db.Set<IntakeDraft>().AnyAsync(d => d.Id == draftId));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "intake-draft.expired" && e.RecordId == draftId.ToString()));
    }
}
