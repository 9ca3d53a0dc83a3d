using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Dicom.Stores;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;
using TeleDerm.Core.Intake;
using TeleDerm.Web.Tests.Intake;

namespace TeleDerm.Web.Tests.Intake;

/// <summary>Photos a GP sends with a reply join the case's study, on the lesion's tracking UID, saved with the reply.</summary>
public sealed class FollowUpPhotosTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private static byte[] Isic(string name) => RepoPaths.IsicPhotoBytes(name);

    private async Task<(TeleExpertiseCase Case, Actor Gp, Actor Dermatologist)> CaseWaitingForGpAsync()
    {
        var gpAccount = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermAccount = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var department = await db.Departments.FirstAsync();
        var gp = new Actor(gpAccount.Id, gpAccount.Email, Roles.GP, null, null, null);
        var dermatologist = new Actor(dermAccount.Id, dermAccount.Email, Roles.Dermatologist, department.Id, null, null);
        var request = new IntakeRequest(new PatientInput("Roux", "Anne", new DateOnly(1980, 1, 2), Sex.Female), "Changing mole.", new Questionnaire(),
            Urgency.Routine, null, true, [new LesionInput("77568009", Laterality.Left, null, [new PhotoInput("first.jpg", ImageKind.Clinical, Isic("ISIC_0000036.jpg"))])]);
        var result = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(request, TestSubmitter.Of(gp, (await db.Practices.FirstAsync()).Id, department.Id));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)) + (result.NeedsConfirmation is null ? "" : " (patient match)"));
        var commands = app.Services.GetRequiredService<CaseCommands>();
        Assert.True((await commands.ClaimAsync(result.CaseId!.Value, dermatologist)).Succeeded);
        Assert.True((await commands.AskGpAsync(result.CaseId.Value, dermatologist, "A dermoscopic photo, please.")).Succeeded);
        var @case = await db.Set<TeleExpertiseCase>().Include(c => c.Lesions).ThenInclude(l => l.Lesion).SingleAsync(c => c.Id == result.CaseId);
        return (@case, gp, dermatologist);
    }

    private async Task<List<LesionImage>> ImagesAsync(Guid caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().Where(i => i.CaseId == caseId).ToListAsync();
    }

    [Fact]
    public async Task A_reply_with_a_photo_adds_it_to_the_lesion_in_the_cases_study_and_the_case_returns()
    {
        var (@case, gp, _) = await CaseWaitingForGpAsync();
        var lesion = @case.Lesions.Single().Lesion!;
        var (images, errors) = await app.Services.GetRequiredService<FollowUpPhotos>().StoreAsync(@case.Id, gp, lesion.Id,
            [new PhotoInput("dermoscopy.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000031.jpg"))]);
        Assert.Empty(errors);

        var result = await app.Services.GetRequiredService<CaseCommands>().ReplyAsync(@case.Id, gp, "Here it is.", images);

        Assert.True(result.Succeeded, result.Error);
        var all = await ImagesAsync(@case.Id);
        Assert.Equal(2, all.Count);
        Assert.Single(all.Select(i => i.StudyInstanceUid).Distinct());
        Assert.Equal(2, all.Select(i => i.SeriesInstanceUid).Distinct().Count());
        var added = all.Single(i => i.Kind == ImageKind.Dermoscopic);
        Assert.Equal(ScoreState.Pending, added.ScoreState);
        var stored = await app.Services.GetRequiredService<IDicomStore>().FindAsync(new DicomInstanceQuery { TrackingUid = lesion.TrackingUid });
        Assert.Contains(stored, s => s.Key.SopInstanceUid == added.SopInstanceUid);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(CaseStatus.InReview, (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id)).Status);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_named_and_nothing_is_attached()
    {
        var (@case, gp, _) = await CaseWaitingForGpAsync();

        var (images, errors) = await app.Services.GetRequiredService<FollowUpPhotos>().StoreAsync(@case.Id, gp, @case.Lesions.Single().LesionId,
            [new PhotoInput("notes.jpg", ImageKind.Dermoscopic, Encoding.UTF8.GetBytes("just some text, not a JPEG"))]);

        Assert.Empty(images);
        Assert.Contains("notes.jpg", Assert.Single(errors).Message, StringComparison.Ordinal);
        Assert.Single(await ImagesAsync(@case.Id));
    }

    [Fact]
    public async Task Another_GP_can_neither_store_photos_for_the_case_nor_attach_them()
    {
        var (@case, gp, _) = await CaseWaitingForGpAsync();
        var otherAccount = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var other = new Actor(otherAccount.Id, otherAccount.Email, Roles.GP, null, null, null);
        var photo = new PhotoInput("x.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000031.jpg"));

        var (_, errors) = await app.Services.GetRequiredService<FollowUpPhotos>().StoreAsync(@case.Id, other, @case.Lesions.Single().LesionId, [photo]);
        Assert.Single(errors);

        // Even with records made for the owner, a reply in another GP's name is refused and attaches nothing.
        var (images, _) = await app.Services.GetRequiredService<FollowUpPhotos>().StoreAsync(@case.Id, gp, @case.Lesions.Single().LesionId, [photo]);
        var refused = await app.Services.GetRequiredService<CaseCommands>().ReplyAsync(@case.Id, other, "Not mine.", images);
        Assert.False(refused.Succeeded);
        Assert.Single(await ImagesAsync(@case.Id));
    }
}
