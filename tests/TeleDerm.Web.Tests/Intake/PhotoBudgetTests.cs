using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Dicom.Stores;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Tests.Infrastructure;
using TeleDerm.Core.Intake;
using TeleDerm.Web.Tests.Intake;

namespace TeleDerm.Web.Tests.Intake;

/// <summary>
/// Untrusted photos are bounded before they are decoded: per photo from its header, per request in pixels and in
/// bytes stored; non-JPEG photos are stored deflated. Each refusal names the file and stores nothing of the request.
/// </summary>
public sealed class PhotoBudgetTests
{
    private static byte[] Isic(string name) => RepoPaths.IsicPhotoBytes(name);

    private static async Task<(TeleDermAppFactory App, TestSubmitter Gp)> AppAsync(Dictionary<string, string?>? settings = null)
    {
        var app = new TeleDermAppFactory(settings);
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var department = db.Departments.FirstOrDefault() ?? db.Departments.Add(new Department { Id = Guid.NewGuid(), Name = "Dermatology" }).Entity;
        await db.SaveChangesAsync();
        return (app, TestSubmitter.Of(new Actor(gp.Id, gp.Email, Roles.GP, null, null, "127.0.0.1"), (await db.Practices.FirstAsync()).Id, department.Id));
    }

    private static IntakeRequest Request(params PhotoInput[] photos) => new(
        new PatientInput("Moreau", "Lucie", new DateOnly(1972, 5, 9), Sex.Female, "272057512345678"),
        "Pigmented lesion of the back that changed in three months.", new Questionnaire(), Urgency.Routine, null, true,
        [new LesionInput("77568009", Laterality.Left, null, photos)]);

    private static async Task<(int Cases, int Instances)> StoredAsync(TeleDermAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var cases = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().CountAsync();
        var instances = (await app.Services.GetRequiredService<IDicomStore>().FindAsync(new DicomInstanceQuery { PatientId = "272057512345678" })).Count;
        return (cases, instances);
    }

    [Fact]
    public async Task A_photo_declaring_400_megapixels_is_refused_by_name_from_its_header_and_nothing_is_stored()
    {
        var (app, gp) = await AppAsync();
        using var _ = app;

        var result = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(
            Request(new PhotoInput("lesion.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000031.jpg")), new PhotoInput("bomb.png", ImageKind.Clinical, TestPngs.HeaderOnly(20000, 20000))), gp);

        var error = Assert.Single(result.Errors);
        Assert.Equal("photos[1]", error.Field);
        Assert.StartsWith("bomb.png: The Png header declares 20000×20000 = 400000000 pixels; the limit is 50000000 pixels.", error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), await StoredAsync(app));
    }

    [Fact]
    public async Task The_photos_of_one_request_share_a_pixel_budget()
    {
        var (app, gp) = await AppAsync(new() { ["TeleDerm:Intake:MaxPixelsPerRequest"] = "100000", ["TeleDerm:Intake:MaxPixelsPerPhoto"] = "100000" });
        using var _ = app;

        // Each ISIC photo is 256×256 (65,536 pixels): the second one takes the request past 100,000.
        var result = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(
            Request(new PhotoInput("first.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000031.jpg")), new PhotoInput("second.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000036.jpg"))), gp);

        var error = Assert.Single(result.Errors);
        Assert.Equal("photos[1]", error.Field);
        Assert.StartsWith("second.jpg: with it the photos of this request add up to", error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), await StoredAsync(app));
    }

    [Fact]
    public async Task The_photos_of_one_request_share_a_storage_budget_and_no_case_is_saved_past_it()
    {
        var (app, gp) = await AppAsync(new() { ["TeleDerm:Intake:MaxStoredBytesPerRequest"] = "15000" });
        using var _ = app;
        var photo = Isic("ISIC_0000031.jpg");
        Assert.InRange(photo.Length, 7_501, 15_000);

        var result = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(
            Request(new PhotoInput("first.jpg", ImageKind.Dermoscopic, photo), new PhotoInput("again.jpg", ImageKind.Dermoscopic, photo)), gp);

        var error = Assert.Single(result.Errors);
        Assert.Equal("again.jpg: the photos of this request would take more than 14 KB once stored; send fewer or smaller photos.", error.Message);
        Assert.Equal(0, (await StoredAsync(app)).Cases);
    }

    [Fact]
    public async Task A_flat_49_megapixel_PNG_is_stored_deflated_a_few_hundred_KB_not_147_MB()
    {
        var (app, gp) = await AppAsync();
        using var _ = app;
        var png = TestPngs.Flat(7000, 7000);

        var result = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(Request(new PhotoInput("flat.png", ImageKind.Clinical, png)), gp);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var store = app.Services.GetRequiredService<IDicomStore>();
        var stored = Assert.Single(await store.FindAsync(new DicomInstanceQuery { PatientId = "272057512345678" }));
        var bytes = (await store.RetrieveAsync(stored.Key))!;
        // Stored raw, the instance would be 147 MB for an upload of about a megabyte.
        Assert.True(bytes.Length < 1024 * 1024 && bytes.Length < 10 * png.Length, $"{bytes.Length} bytes stored for a PNG of {png.Length} bytes");
        Assert.Equal("1.2.840.10008.1.2.1.99", TeleDerm.Dicom.DicomFile.Read(bytes).FileMetaInformation.GetString(TeleDerm.Dicom.DicomTags.TransferSyntaxUID));
    }
}
