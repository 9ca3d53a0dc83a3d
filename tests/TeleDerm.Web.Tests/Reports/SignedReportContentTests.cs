using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Core.Viewer;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Resizing;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Features.Reports;
using TeleDerm.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using TeleDerm.Core.Intake;
using TeleDerm.Web.Tests.Intake;

namespace TeleDerm.Web.Tests.Reports;

/// <summary>
/// What the signed report says, read back from the PDF with pdftotext: the patient as a clinician identifies them,
/// the people with their registration numbers, the GP's question, questionnaire and thread, times in the
/// department's zone, calibrated measurements only, the score after the conclusion only when the department
/// chose it, and photos at print resolution.
/// </summary>
public sealed class SignedReportContentTests(ITestOutputHelper output) : IDisposable
{
    // Far from UTC (UTC+13 in December), so a time printed in UTC could not pass for the local one.
    private const string Zone = "Pacific/Auckland";
    private static readonly Regex Guid32 = new("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private readonly TeleDermAppFactory app = new(new Dictionary<string, string?> { ["TeleDerm:TimeZone"] = Zone });
    private Guid department, practice;
    private TestAccount gpAccount = null!, dermAccount = null!;

    public void Dispose() => app.Dispose();

    private Actor Gp => new(gpAccount.Id, gpAccount.Email, Roles.GP, null, null, null);
    private Actor Dermatologist => new(dermAccount.Id, dermAccount.Email, Roles.Dermatologist, department, null, null);

    private async Task SetUpAsync(bool scoreInReports)
    {
        _ = app.CreateClient();
        gpAccount = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        dermAccount = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var dept = await db.Departments.FirstAsync();
        dept.RiskScoreInReports = scoreInReports;
        (department, practice) = (dept.Id, (await db.Practices.FirstAsync()).Id);
        (await db.Users.SingleAsync(u => u.Id == dermAccount.Id)).RegistrationNumber = "10009876543";
        await db.SaveChangesAsync();
    }

    private async Task<Guid> SubmitAndClaimAsync(IReadOnlyList<PhotoInput> photos)
    {
        var questionnaire = new Questionnaire { DurationMonths = 6, Evolution = Evolution.Growing, Itch = true, FitzpatrickPhototype = 2 };
        var submitted = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(
            new IntakeRequest(new PatientInput("Roux", "Anne", new DateOnly(1980, 1, 2), Sex.Female), "Changing mole on the left arm, please advise.",
                questionnaire, Urgency.Routine, null, true, [new LesionInput("77568009", Laterality.Left, null, photos)]),
            TestSubmitter.Of(Gp, practice, department));
        Assert.True(submitted.CaseId is not null, string.Join("; ", submitted.Errors.Select(e => e.Message)));
        var caseId = submitted.CaseId!.Value;
        Assert.True((await app.Services.GetRequiredService<CaseCommands>().ClaimAsync(caseId, Dermatologist)).Succeeded);
        return caseId;
    }

    private async Task<(string Text, byte[] Pdf, SignedReport Report, CaseAnswer Answer)> AnswerAndSignAsync(Guid caseId)
    {
        var result = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, Dermatologist,
            new AnswerDraft("D22.5", "Benign melanocytic naevus", DiagnosticConfidence.High, Management.Reassure, null, "Benign; no follow-up needed.", null, []),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(result.Succeeded, result.Error);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var report = await db.Set<SignedReport>().SingleAsync(r => r.CaseId == caseId);
        var answer = await db.Set<CaseAnswer>().SingleAsync(a => a.CaseId == caseId);
        return (await PdfTextAsync(report.Pdf), report.Pdf, report, answer);
    }

    private static byte[] Dermoscopy(string name = "ISIC_0000031.jpg") =>
        RepoPaths.IsicPhotoBytes(name);

    [Fact]
    public async Task The_report_identifies_the_patient_and_people_gives_question_questionnaire_and_thread_in_the_department_zone()
    {
        await SetUpAsync(scoreInReports: false);
        var jpeg = Dermoscopy();
        var caseId = await SubmitAndClaimAsync([new PhotoInput("a.jpg", ImageKind.Dermoscopic, jpeg), new PhotoInput("b.jpg", ImageKind.Clinical, jpeg)]);
        var commands = app.Services.GetRequiredService<CaseCommands>();
        Assert.True((await commands.AskGpAsync(caseId, Dermatologist, "Has it bled recently?")).Succeeded);
        Assert.True((await commands.ReplyAsync(caseId, Gp, "No bleeding, only some itch.")).Succeeded);
        await MeasureAsync(caseId);

        var (text, _, report, answer) = await AnswerAndSignAsync(caseId);

        Assert.Contains("ROUX Anne", text, StringComparison.Ordinal);
        Assert.Contains("2 Jan 1980", text, StringComparison.Ordinal);
        Assert.Matches(@"\(4\d years\)", text);
        Assert.Contains("not recorded", text, StringComparison.Ordinal); // no national health identifier was given
        Assert.DoesNotMatch(Guid32, text);
        Assert.Contains("registration no. 10009876543", text, StringComparison.Ordinal);
        Assert.Contains("Changing mole on the left arm", text, StringComparison.Ordinal);
        Assert.Contains("6 months", text, StringComparison.Ordinal);
        Assert.Contains("Has it bled recently?", text, StringComparison.Ordinal);
        Assert.Contains("No bleeding, only some itch.", text, StringComparison.Ordinal);

        // Times in the department's zone, named, in the product's one format; never UTC.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var answered = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(answer.AnsweredAtUtc, DateTimeKind.Utc), zone)
            .ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB"));
        Assert.Contains(answered, text, StringComparison.Ordinal);
        Assert.Contains(Zone, text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b\d{1,2}/\d{1,2}/\d{4}\b", text);

        // Calibrated measurements in millimetres; the clinical photo's uncalibrated ruler is not printed at all.
        Assert.Contains("widest diameter", text, StringComparison.Ordinal);
        Assert.Contains("15.0 mm", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" px", text, StringComparison.Ordinal);
        Assert.DoesNotContain("500", text, StringComparison.Ordinal);
        // The department did not choose to print the score.
        Assert.DoesNotContain("risk score", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(report.Pdf.Length > 0);
    }

    [Fact]
    public async Task The_department_letterhead_set_by_an_administrator_heads_the_report_with_its_logo()
    {
        await SetUpAsync(scoreInReports: false);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = await TestAccounts.AdministratorAsync(app.Services);
            var logo = TeleDerm.Imaging.Thumbnails.CreateJpeg(Dermoscopy(), new TeleDerm.Imaging.ImageSize(300, 120));
            await scope.ServiceProvider.GetRequiredService<OrganisationAdministration>().SetLetterheadAsync(admin, department,
                "Centre Hospitalier Universitaire de Nantes", "5 allée de l'Île Gloriette\r\n\r\n44093 Nantes Cedex 1", new LogoChange(logo));
        }
        var caseId = await SubmitAndClaimAsync([new PhotoInput("a.jpg", ImageKind.Dermoscopic, Dermoscopy())]);

        var (text, pdf, _, _) = await AnswerAndSignAsync(caseId);

        var head = text[..text.IndexOf("ROUX Anne", StringComparison.Ordinal)];
        Assert.Contains("Centre Hospitalier Universitaire de Nantes", head, StringComparison.Ordinal);
        Assert.Contains("5 allée de l'Île Gloriette", head, StringComparison.Ordinal);
        Assert.Contains("44093 Nantes Cedex 1", head, StringComparison.Ordinal);
        // The logo is one more image than the photo: pdfimages lists every image of page 1.
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var images = ProcessRunner.Run("pdfimages", ["-list", "-f", "1", "-l", "1", file]).Split('\n')
                .Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*1\s+\d+\s+image"));
            Assert.Equal(2, images);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>On the dermoscopic image 200 px is 10 mm, so a 300 px ruler reads 15.0 mm; the clinical image has no scale.</summary>
    private async Task MeasureAsync(Guid caseId)
    {
        List<LesionImage> images;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            images = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().Where(i => i.CaseId == caseId).OrderBy(i => i.Kind).ToListAsync();
        }
        var user = Dermatologist;
        var geometry = new ImageGeometry(1022, 767, null, null);
        var annotations = app.Services.GetRequiredService<AnnotationCommands>();
        var (clinical, dermoscopic) = (images[0], images[1]);
        await annotations.AddAsync(user, caseId, new AnnotationDraft(dermoscopic.Id, AnnotationKind.Calibration, "[[100,100],[300,100]]", KnownLengthMm: 10), geometry);
        await annotations.AddAsync(user, caseId, new AnnotationDraft(dermoscopic.Id, AnnotationKind.Ruler, "[[100,200],[400,200]]", "widest diameter"), geometry);
        await annotations.AddAsync(user, caseId, new AnnotationDraft(clinical.Id, AnnotationKind.Ruler, "[[0,0],[300,400]]"), geometry);
    }

    [Fact]
    public async Task Four_12_megapixel_photos_make_a_report_under_1_MB_and_the_chosen_score_comes_after_the_conclusion()
    {
        await SetUpAsync(scoreInReports: true);
        var photos = new[] { "ISIC_0000031.jpg", "ISIC_0000036.jpg", "ISIC_0000040.jpg", "ISIC_0000053.jpg" }
            .Select((name, i) => new PhotoInput($"{i}.jpg", ImageKind.Dermoscopic, TwelveMegapixels(Dermoscopy(name)))).ToList();
        Assert.All(photos, p => Assert.True(p.Bytes.Length > 1_000_000, $"a 12 MP photo is megabytes ({p.Bytes.Length} bytes)"));
        var caseId = await SubmitAndClaimAsync(photos);
        // The background worker scores the photos with the bundled model; once it is done, a known score replaces its own.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().AnyAsync(i => i.CaseId == caseId && i.ScoreState == ScoreState.Pending))
                break;
            await Task.Delay(200);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().Where(i => i.CaseId == caseId)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ScoreState, ScoreState.Scored).SetProperty(i => i.Risk, 0.73).SetProperty(i => i.RiskBand, "high")
                    .SetProperty(i => i.ModelName, "teleDerm-dermoscopy-features").SetProperty(i => i.ModelVersion, "1.0.0"));
        }

        var (text, pdf, _, _) = await AnswerAndSignAsync(caseId);

        output.WriteLine($"photos {string.Join(", ", photos.Select(p => p.Bytes.Length))} bytes; signed report {pdf.Length} bytes");
        Assert.True(pdf.Length < 1_000_000, $"the report is {pdf.Length} bytes");
        var conclusion = text.IndexOf("Conclusion", StringComparison.Ordinal);
        var score = text.IndexOf("risk score 0.73 (high)", StringComparison.Ordinal);
        var disclaimer = text.IndexOf("it is not a diagnosis", StringComparison.Ordinal);
        Assert.True(conclusion > 0 && score > conclusion && disclaimer > score, $"conclusion at {conclusion}, score at {score}, disclaimer at {disclaimer}");
    }

    /// <summary>
    /// A dermoscopy photo enlarged to 4000 × 3000 with a camera's sensor noise, saved at high quality: megabytes, as a
    /// phone or dermatoscope camera gives it (a smooth enlargement alone would compress far better than a real photo).
    /// </summary>
    private static byte[] TwelveMegapixels(byte[] jpeg)
    {
        var large = ImageResizer.Resize(ImageDecoder.Decode(jpeg).Image, 4000, 3000);
        var random = new Random(12);
        var pixels = large.Pixels;
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-6, 7), 0, 255);
        return JpegEncoder.Encode(large, quality: 95);
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return ProcessRunner.Run("pdftotext", [file, "-"]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
