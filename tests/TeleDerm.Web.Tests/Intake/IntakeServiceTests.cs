using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Dicom.Stores;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Tests.Infrastructure;
using TeleDerm.Core.Intake;
using TeleDerm.Web.Tests.Intake;

namespace TeleDerm.Web.Tests.Intake;

public sealed class IntakeServiceTests : IDisposable
{
    private readonly TeleDermAppFactory app = new(new Dictionary<string, string?> { ["TeleDerm:Intake:MaxPhotos"] = "3" });

    public void Dispose() => app.Dispose();

    private static byte[] Isic(string name) => RepoPaths.IsicPhotoBytes(name);

    private Task<TestSubmitter> GpAsync() => TestSubmitter.NewGpAsync(app.Services);

    private static IntakeRequest Request(PatientInput? patient = null, bool consent = true, params LesionInput[] lesions) => new(
        patient ?? new PatientInput("Moreau", "Lucie", new DateOnly(1972, 5, 9), Sex.Female, "272057512345678"),
        "Pigmented lesion of the back that changed in three months.",
        new Questionnaire { DurationMonths = 6, Evolution = Evolution.Growing, Bleeding = true, FitzpatrickPhototype = 2 },
        Urgency.Soon, "Recent change in colour.", consent,
        lesions.Length > 0 ? lesions : [new LesionInput("77568009", Laterality.Left, "6 mm, two colours",
            [new PhotoInput("dermoscopy.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000031.jpg")), new PhotoInput("close-up.jpg", ImageKind.Clinical, Isic("ISIC_0000036.jpg"))])]);

    private IntakeService Service => app.Services.GetRequiredService<IntakeService>();

    private async Task<int> CountAsync<T>() where T : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<T>().CountAsync();
    }

    [Fact]
    public async Task A_request_becomes_a_submitted_case_with_its_photos_stored_as_DICOM_and_queued_for_scoring()
    {
        var gp = await GpAsync();
        var received = new List<CaseEvent>();
        using var _ = app.Services.GetRequiredService<InProcessCaseEvents>().Subscribe(received.Add);

        var result = await Service.SubmitAsync(Request(), gp);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Matches("^TD-[2-9A-HJ-NP-Z]{6}$", result.Reference);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var @case = await db.Set<TeleExpertiseCase>().Include(c => c.Lesions).ThenInclude(l => l.Lesion).SingleAsync(c => c.Id == result.CaseId);
        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.NotNull(@case.PriorityDueAtUtc);
        var lesion = Assert.Single(@case.Lesions).Lesion!;
        Assert.StartsWith("2.25.", lesion.TrackingUid, StringComparison.Ordinal);
        var images = await db.Set<LesionImage>().Where(i => i.CaseId == @case.Id).ToListAsync();
        Assert.Equal(2, images.Count);
        Assert.Contains(images, i => i.Kind == ImageKind.Clinical);

        var stored = await app.Services.GetRequiredService<IDicomStore>().FindAsync(new DicomInstanceQuery { TrackingUid = lesion.TrackingUid });
        Assert.Equal(2, stored.Count);
        var frame = await app.Services.GetRequiredService<IDicomStore>().RetrieveFrameAsync(stored[0].Key, 1);
        Assert.NotNull(frame);
        // Kept bit-exact; a fragment of odd length carries one zero byte of padding (PS3.5 A.4).
        static bool Holds(byte[] fragment, byte[] jpeg) =>
            fragment.AsSpan(0, Math.Min(jpeg.Length, fragment.Length)).SequenceEqual(jpeg) && fragment.Length - jpeg.Length is 0 or 1 && fragment[^1] == jpeg[^1] | fragment[^1] == 0;
        Assert.True(Holds(frame!, Isic("ISIC_0000031.jpg")) || Holds(frame!, Isic("ISIC_0000036.jpg")), "the baseline JPEG is kept bit-exact");
        Assert.Contains(received, e => e.CaseId == @case.Id && e.Kind == CaseEventKind.Created);
        await app.AssertAuditedAsync("case.created", AuditOutcome.Success, gp.Gp.UserName);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_and_nothing_is_saved()
    {
        var gp = await GpAsync();
        var result = await Service.SubmitAsync(Request(new PatientInput("", "Lucie", null, Sex.Female), consent: false,
            new LesionInput("", Laterality.Left, null, [])), gp);
        Assert.False(result.Succeeded);
        Assert.Equal(["patient.familyName", "patient.birthDate", "consent", "lesions[0].bodySite", "lesions[0].photos"], result.Errors.Select(e => e.Field));
        Assert.Equal(0, await CountAsync<TeleExpertiseCase>());
        Assert.Equal(0, await CountAsync<Patient>());
    }

    [Fact]
    public async Task A_text_file_named_jpg_is_refused_by_name_and_nothing_is_saved()
    {
        var gp = await GpAsync();
        var result = await Service.SubmitAsync(Request(lesions: new LesionInput("77568009", Laterality.Right, null,
            [new PhotoInput("notes.jpg", ImageKind.Clinical, Encoding.UTF8.GetBytes("These are my notes, not a photo."))])), gp);
        var error = Assert.Single(result.Errors);
        Assert.Equal("photos[0]", error.Field);
        Assert.StartsWith("notes.jpg: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<LesionImage>());
        Assert.Empty(await app.Services.GetRequiredService<IDicomStore>().FindAsync(new DicomInstanceQuery { PatientId = "272057512345678" }));
    }

    [Fact]
    public async Task A_black_frame_is_refused_as_blank_whatever_the_way_in_and_a_blurred_photo_is_not()
    {
        var gp = await GpAsync();
        var black = TeleDerm.Imaging.Codecs.JpegEncoder.Encode(TeleDerm.Imaging.RgbImage.CreateBlank(1200, 900), 90);
        var refused = await Service.SubmitAsync(Request(lesions: new LesionInput("77568009", Laterality.Right, null,
            [new PhotoInput("lens-cap.jpg", ImageKind.Clinical, black), new PhotoInput("dermoscopy.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000031.jpg"))])), gp);
        var error = Assert.Single(refused.Errors);
        Assert.Equal(("photos[0]", "PhotoBlank"), (error.Field, error.Code));
        Assert.Equal(0, await CountAsync<LesionImage>());

        // The other findings are the page's warnings: a blurred photo is still the GP's to send.
        var soft = Isic("ISIC_0000127_isicapi250.jpg");
        Assert.Contains(TeleDerm.Imaging.Quality.PhotoQualityCheck.Assess(soft, dermoscopic: true, TeleDerm.Imaging.DecodeLimits.Default),
            f => f.Problem == TeleDerm.Imaging.Quality.PhotoProblem.OutOfFocus);
        var blurred = await Service.SubmitAsync(Request(lesions: new LesionInput("77568009", Laterality.Right, null,
            [new PhotoInput("blurred.jpg", ImageKind.Dermoscopic, soft)])), gp);
        Assert.True(blurred.Succeeded, string.Join("; ", blurred.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Too_many_photos_are_refused_with_the_limit()
    {
        var gp = await GpAsync();
        var photo = new PhotoInput("p.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000031.jpg"));
        var result = await Service.SubmitAsync(Request(lesions: new LesionInput("77568009", Laterality.Left, null, [photo, photo, photo, photo])), gp);
        Assert.Contains(result.Errors, e => e.Field == "photos" && e.Message == "At most 3 photos per request (4 given).");
    }

    [Fact]
    public async Task A_patient_seen_again_is_the_same_patient_by_identifier_or_by_name_and_birth_date_once_confirmed()
    {
        var gp = await GpAsync();
        var first = await Service.SubmitAsync(Request(), gp);
        var again = await Service.SubmitAsync(Request(), gp);
        Assert.True(again.Succeeded);
        Assert.Equal(1, await CountAsync<Patient>());

        var withoutId = Request(new PatientInput("Moreau", "lucie", new DateOnly(1972, 5, 9), Sex.Female));
        var unconfirmed = await Service.SubmitAsync(withoutId, gp);
        Assert.False(unconfirmed.Succeeded);
        Assert.Equal("MOREAU Lucie", unconfirmed.NeedsConfirmation?.Name);
        var confirmed = await Service.SubmitAsync(withoutId with { SamePatientConfirmed = true }, gp);
        Assert.True(confirmed.Succeeded);
        Assert.Equal(1, await CountAsync<Patient>());
        Assert.NotNull(first.CaseId);
    }

    [Fact]
    public async Task A_follow_up_photo_joins_the_lesion_it_belongs_to_and_cannot_join_another_patients()
    {
        var gp = await GpAsync();
        var first = await Service.SubmitAsync(Request(), gp);
        Guid lesionId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            lesionId = (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<CaseLesion>().SingleAsync(l => l.CaseId == first.CaseId)).LesionId;
        }
        var followUp = await Service.SubmitAsync(Request(lesions: new LesionInput("", Laterality.NotApplicable, null,
            [new PhotoInput("3-months.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000040.jpg"))], ExistingLesionId: lesionId)), gp);
        Assert.True(followUp.Succeeded, string.Join("; ", followUp.Errors.Select(e => e.Message)));
        Assert.Equal(1, await CountAsync<Lesion>());
        Assert.Equal(3, await CountAsync<LesionImage>());

        var stranger = await Service.SubmitAsync(Request(new PatientInput("Petit", "Jean", new DateOnly(1950, 1, 1), Sex.Male, "150017512345678"),
            lesions: new LesionInput("", Laterality.NotApplicable, null, [new PhotoInput("x.jpg", ImageKind.Dermoscopic, Isic("ISIC_0000040.jpg"))], ExistingLesionId: lesionId)), gp);
        Assert.Equal("A follow-up photo can only be linked to an existing lesion of this same patient.", Assert.Single(stranger.Errors).Message);
    }

    [Fact]
    public async Task A_clinical_photo_becomes_a_VL_Photographic_instance_a_PNG_is_kept_as_native_RGB_and_only_the_dermoscopic_one_is_scored()
    {
        var gp = await GpAsync();
        var png = PngFromJpeg.Convert(RepoPaths.IsicPhoto("ISIC_0000139.jpg"));
        var result = await Service.SubmitAsync(Request(lesions: new LesionInput("85562004", Laterality.Right, null,
            [new PhotoInput("phone.png", ImageKind.Clinical, png), new PhotoInput("dermatoscope.png", ImageKind.Dermoscopic, png)])), gp);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));

        var store = app.Services.GetRequiredService<IDicomStore>();
        var files = new List<TeleDerm.Dicom.DicomFile>();
        foreach (var stored in await store.FindAsync(new DicomInstanceQuery { PatientId = "272057512345678" }))
        {
            files.Add(TeleDerm.Dicom.DicomFile.Read(await store.RetrieveAsync(stored.Key)));
        }
        Assert.Equal(2, files.Count);
        var file = Assert.Single(files, f => f.Dataset.GetString(TeleDerm.Dicom.DicomTags.SOPClassUID) == "1.2.840.10008.5.1.4.1.1.77.1.4");
        Assert.Equal("XC", file.Dataset.GetString(TeleDerm.Dicom.DicomTags.Modality));
        Assert.Equal("RGB", file.Dataset.GetString(TeleDerm.Dicom.DicomTags.PhotometricInterpretation));

        // Intake woke the background worker; wait for its outcome (bounded). The bundled model is for dermoscopy:
        // the native RGB dermoscopic photo is scored, the clinical one is left unscored.
        List<LesionImage> images;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(200);
            await using var scope = app.Services.CreateAsyncScope();
            images = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().AsNoTracking().Where(i => i.CaseId == result.CaseId).ToListAsync();
        }
        while (images.Any(i => i.ScoreState == ScoreState.Pending && i.ScoreError is null) && DateTime.UtcNow < deadline);
        var dermoscopic = images.Single(i => i.Kind == ImageKind.Dermoscopic);
        var clinical = images.Single(i => i.Kind == ImageKind.Clinical);
        Assert.True(dermoscopic.ScoreState == ScoreState.Scored, $"{dermoscopic.ScoreState}: {dermoscopic.ScoreError}");
        Assert.Equal(ScoreState.NotForModel, clinical.ScoreState);
        Assert.Null(clinical.Risk);
    }

    /// <summary>A dermatoscope's DICOM file for a patient it names in its own way.</summary>
    private static byte[] DermatoscopeFile() =>
        TeleDerm.Dicom.Dermoscopy.SkinPhotographBuilder.Build(TeleDerm.Dicom.Dermoscopy.PhotoPixels.FromJpeg(Isic("ISIC_0000040.jpg")),
            new TeleDerm.Dicom.Dermoscopy.DermoscopicImageRequest
            {
                PatientId = "SCOPE-00042", PatientName = "MOREAU^L", AcquiredAt = DateTimeOffset.UtcNow, LesionTrackingId = "spot 1",
                LesionTrackingUid = TeleDerm.Dicom.DicomUid.Generate(), AnatomicRegion = new TeleDerm.Dicom.Dermoscopy.DicomCode("77568009", "SCT", "Back"),
            }).ToBytes();

    [Fact]
    public async Task A_dermatoscope_file_naming_the_patient_differently_is_imported_only_once_the_GP_confirms()
    {
        var gp = await GpAsync();
        var request = Request(lesions: new LesionInput("77568009", Laterality.Left, null, [new PhotoInput("scope.dcm", ImageKind.Dermoscopic, DermatoscopeFile())]));

        var refused = await Service.SubmitAsync(request, gp);
        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("scope.dcm: the file belongs to another patient", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<TeleExpertiseCase>());

        var imported = await Service.SubmitAsync(request with { ReidentifyDicomFiles = true }, gp);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Select(e => e.Message)));
        var stored = Assert.Single(await app.Services.GetRequiredService<IDicomStore>().FindAsync(new DicomInstanceQuery { PatientId = "272057512345678" }));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.77.1.7", stored.SopClassUid);
    }

    [Fact]
    public async Task A_DICOM_file_that_is_not_a_skin_photo_is_refused_by_its_class()
    {
        var gp = await GpAsync();
        var ct = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Shared, "data", "dicom", "CT_small.dcm"));
        var result = await Service.SubmitAsync(Request(lesions: new LesionInput("77568009", Laterality.Left, null, [new PhotoInput("ct.dcm", ImageKind.Dermoscopic, ct)])) with { ReidentifyDicomFiles = true }, gp);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ct.dcm: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("SOP class 1.2.840.10008.5.1.4.1.1.2 ", error.Message, StringComparison.Ordinal); // CT Image Storage
    }
}
