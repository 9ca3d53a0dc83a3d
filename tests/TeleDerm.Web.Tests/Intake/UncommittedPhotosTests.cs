using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Intake;
using TeleDerm.Dicom.Stores;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Intake;

/// <summary>
/// Photos stored for something never saved (a reply the GP never sent, a request cut off by a crash or a lost
/// database) leave the image store once old enough; photos of saved requests never do.
/// </summary>
public sealed class UncommittedPhotosTests : IDisposable
{
    private readonly AdjustableClock clock = new();
    private readonly TeleDermAppFactory app;

    public UncommittedPhotosTests() => app = new TeleDermAppFactory(clock: clock);

    public void Dispose() => app.Dispose();

    private async Task<List<UncommittedPhoto>> RememberedAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        return await db.Set<UncommittedPhoto>().ToListAsync();
    }

    private async Task<bool> StoredAsync(LesionImage image) =>
        await app.Services.GetRequiredService<IDicomStore>().RetrieveAsync(new DicomInstanceKey(image.StudyInstanceUid, image.SeriesInstanceUid, image.SopInstanceUid)) is not null;

    [Fact]
    public async Task A_photo_never_saved_leaves_the_store_after_the_grace_period_and_saved_ones_stay()
    {
        var gpAccount = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        Guid practiceId, departmentId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync())
        {
            practiceId = (await db.Users.SingleAsync(u => u.Id == gpAccount.Id)).PracticeId!.Value;
            departmentId = (await db.Departments.FirstAsync()).Id;
        }
        var gp = new Actor(gpAccount.Id, gpAccount.Email, Roles.GP, null, practiceId, null);
        var request = new IntakeRequest(new PatientInput("Roux", "Anne", new DateOnly(1980, 1, 2), Sex.Female), "Changing mole.", new Questionnaire(),
            Urgency.Routine, null, true, [new LesionInput("77568009", Laterality.Left, null, [new PhotoInput("first.jpg", ImageKind.Clinical, RepoPaths.IsicPhotoBytes("ISIC_0000036.jpg"))])]);
        var submitted = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(request, TestSubmitter.Of(gp, practiceId, departmentId));
        Assert.True(submitted.Succeeded);
        Assert.Empty(await RememberedAsync()); // saved: its photos are its own

        // The GP adds a photo to a reply, then never sends the reply.
        LesionImage saved;
        Guid lesionId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync())
        {
            saved = await db.Set<LesionImage>().SingleAsync(i => i.CaseId == submitted.CaseId);
            lesionId = saved.LesionId;
        }
        var (images, errors) = await app.Services.GetRequiredService<FollowUpPhotos>().StoreAsync(submitted.CaseId!.Value, gp, lesionId,
            [new PhotoInput("dermoscopy.jpg", ImageKind.Dermoscopic, RepoPaths.IsicPhotoBytes("ISIC_0000031.jpg"))]);
        Assert.Empty(errors);
        var abandoned = Assert.Single(images);
        Assert.True(await StoredAsync(abandoned));
        Assert.Equal(abandoned.SopInstanceUid, Assert.Single(await RememberedAsync()).SopInstanceUid);

        var sweep = app.Services.GetRequiredService<UncommittedPhotos>();
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await sweep.SweepAsync()); // the reply may still be on its way: kept
        Assert.True(await StoredAsync(abandoned));

        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await sweep.SweepAsync());
        Assert.False(await StoredAsync(abandoned));
        Assert.True(await StoredAsync(saved));
        Assert.Empty(await RememberedAsync());
        Assert.Equal(0, await sweep.SweepAsync());
    }
}
