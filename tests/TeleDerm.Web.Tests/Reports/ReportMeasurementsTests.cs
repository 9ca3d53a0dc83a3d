using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Core.Viewer;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Features.Reports;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Reports;

/// <summary>What the dermatologist measured in the viewer is printed in the signed report, with its unit.</summary>
public sealed class ReportMeasurementsTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_calibrated_ruler_and_an_uncalibrated_one_appear_in_the_report_with_their_units()
    {
        _ = app.CreateClient();
        var gpAccount = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermAccount = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        Guid department, practice;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            (department, practice) = ((await db.Departments.FirstAsync()).Id, (await db.Practices.FirstAsync()).Id);
        }
        var gp = new CaseActor(gpAccount.Id, gpAccount.Email, Roles.GP, null, null);
        var dermatologist = new CaseActor(dermAccount.Id, dermAccount.Email, Roles.Dermatologist, department, null);
        var jpeg = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Shared, "data", "dermoscopy", "images", "ISIC_0000031.jpg"));
        var submitted = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(
            new IntakeRequest(new PatientInput("Roux", "Anne", new DateOnly(1980, 1, 2), Sex.Female), "Changing mole.", new Questionnaire(), Urgency.Routine, null, true,
                [new LesionInput("77568009", Laterality.Left, null, [new PhotoInput("a.jpg", ImageKind.Dermoscopic, jpeg), new PhotoInput("b.jpg", ImageKind.Clinical, jpeg)])]),
            new CaseActorWithPractice(gp, practice, department));
        var caseId = submitted.CaseId!.Value;
        Assert.True((await app.Services.GetRequiredService<CaseCommands>().ClaimAsync(caseId, dermatologist)).Succeeded);

        List<LesionImage> images;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            images = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().Where(i => i.CaseId == caseId).OrderBy(i => i.Kind).ToListAsync();
        }
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new(ClaimTypes.NameIdentifier, dermAccount.Id), new(ClaimTypes.Name, dermAccount.Email), new(ClaimTypes.Role, Roles.Dermatologist), new(TeleDermClaims.DepartmentId, department.ToString())], "test"));
        var geometry = new ImageGeometry(1022, 767, null, null);
        var annotations = app.Services.GetRequiredService<AnnotationCommands>();
        var (clinical, dermoscopic) = (images[0], images[1]);
        // On the dermoscopic image: 200 px is 10 mm, so a 300 px ruler reads 15.0 mm; the clinical image has no scale.
        await annotations.AddAsync(user, null, caseId, new AnnotationDraft(dermoscopic.Id, AnnotationKind.Calibration, "[[100,100],[300,100]]", KnownLengthMm: 10), geometry);
        await annotations.AddAsync(user, null, caseId, new AnnotationDraft(dermoscopic.Id, AnnotationKind.Ruler, "[[100,200],[400,200]]", "widest diameter"), geometry);
        await annotations.AddAsync(user, null, caseId, new AnnotationDraft(clinical.Id, AnnotationKind.Ruler, "[[0,0],[300,400]]"), geometry);

        var result = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, dermatologist,
            new AnswerDraft("D22.5", "Benign melanocytic naevus", DiagnosticConfidence.High, Management.Reassure, null, "Benign; no follow-up needed.", null, []),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(result.Succeeded, result.Error);

        byte[] pdf;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            pdf = (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<SignedReport>().SingleAsync(r => r.CaseId == caseId)).Pdf;
        }
        var text = await PdfTextAsync(pdf);
        Assert.Contains("widest diameter", text, StringComparison.Ordinal);
        Assert.Contains("15.0 mm", text, StringComparison.Ordinal);
        Assert.Contains("500 px (uncalibrated)", text, StringComparison.Ordinal);
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
