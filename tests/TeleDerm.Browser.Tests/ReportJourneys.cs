using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Dicom;
using TeleDerm.Dicom.Documents;
using TeleDerm.Dicom.Stores;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Reports.Verification;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Reports;

namespace TeleDerm.Browser.Tests;

public sealed class ReportJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_dermatologist_answers_and_signs_the_GP_sees_the_report_arrive_live_downloads_it_and_it_verifies()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon);

        var gpPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(gpPage, gp);
        await gpPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        Assert.Equal(0, await gpPage.GetByTestId("report").CountAsync());

        var dermPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(dermPage, dermatologist);
        await dermPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(dermPage);
        await dermPage.GetByTestId("action-Claim").ClickAsync();
        await dermPage.GetByTestId("answer-form").WaitForAsync();

        // Nothing filled in: each field says what it needs, and nothing is signed.
        await SelectSteps.ChooseAsync(dermPage, "management-select", "Prescription");
        await dermPage.GetByTestId("sign-report").ClickAsync();
        await dermPage.GetByTestId("error-DiagnosisCode").WaitForAsync();
        await Assertions.Expect(dermPage.GetByTestId("error-MessageToGp")).ToHaveTextAsync("Write a message to the GP (at most 4000 characters).");
        await Assertions.Expect(dermPage.GetByTestId("error-Prescription")).ToHaveTextAsync("A prescription needs at least one line.");

        await SelectSteps.ChooseAsync(dermPage, "diagnosis-code-select", "L57.0");
        await Assertions.Expect(dermPage.GetByTestId("diagnosis-text")).ToHaveValueAsync("Actinic keratosis");
        await SelectSteps.ChooseAsync(dermPage, "confidence-select", "High");
        await dermPage.GetByTestId("add-prescription-line").ClickAsync();
        await dermPage.GetByTestId("medicine").FillAsync("Fluorouracil cream");
        await dermPage.GetByTestId("strength").FillAsync("5 %");
        await dermPage.GetByTestId("dose").FillAsync("apply once a day to the lesion");
        await dermPage.GetByTestId("duration").FillAsync("3 weeks");
        await dermPage.GetByTestId("message-to-gp").FillAsync("Typical actinic keratosis; treat with fluorouracil and review in three months if it persists.");
        await dermPage.GetByTestId("patient-advice").FillAsync("Expect redness during treatment; use sunscreen.");

        // A wrong password signs nothing.
        await dermPage.GetByTestId("sign-secret").FillAsync("not my password");
        await dermPage.GetByTestId("sign-report").ClickAsync();
        await Assertions.Expect(dermPage.GetByTestId("answer-error")).ToHaveTextAsync("Your password or code was not accepted; nothing was signed.");
        await dermPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("report-answer-form"), FullPage = true });

        // The authenticator code signs.
        await dermPage.GetByTestId("sign-secret").FillAsync(AuthenticatorCodes.Next(dermatologist.AuthenticatorKey!));
        await dermPage.GetByTestId("sign-report").ClickAsync();
        // The first signature also makes the dermatologist's RSA key: generous on a loaded machine.
        await Assertions.Expect(dermPage.GetByTestId("case-status")).ToHaveTextAsync("Answered", new() { Timeout = 60_000 });
        await dermPage.GetByTestId("download-report").WaitForAsync();
        Assert.Equal(0, await dermPage.GetByTestId("answer-form").CountAsync());

        // The GP's open page shows the report without a reload, and the download is the signed file.
        await gpPage.GetByTestId("download-report").WaitForAsync();
        await Assertions.Expect(gpPage.GetByTestId("case-status")).ToHaveTextAsync("Answered");
        await gpPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("report-arrived-gp"), FullPage = true });
        var download = await gpPage.RunAndWaitForDownloadAsync(() => gpPage.GetByTestId("download-report").ClickAsync());
        var path = Path.Combine(Directory.CreateTempSubdirectory("teleDerm-download-").FullName, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        Assert.Equal($"{@case.Reference}-R1.pdf", download.SuggestedFilename);

        var authority = await app.Services.GetRequiredService<ReportAuthority>().CertificateAsync();
        var result = ReportVerifier.Verify(await File.ReadAllBytesAsync(path), [authority]);
        Assert.True(result.IsValid, result.Problem ?? result.Signatures.FirstOrDefault()?.Problem);
        Assert.Equal($"Test {Roles.Dermatologist}", result.Signatures[0].SignerName);
        Assert.Equal("ETSI.CAdES.detached", result.Signatures[0].SubFilter);
        File.Copy(path, Path.Combine(Path.GetDirectoryName(BrowserApp.ScreenshotPath("x"))!, "report-downloaded.pdf"), overwrite: true);

        // The same bytes are in the study as an Encapsulated PDF instance.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var report = await db.Set<SignedReport>().SingleAsync(r => r.CaseId == @case.Id);
        Assert.NotNull(report.DicomSopInstanceUid);
        var instance = (await app.Services.GetRequiredService<IDicomStore>().FindAsync(new DicomInstanceQuery { PatientId = @case.PatientId.ToString("N") }))
            .Single(i => i.Key.SopInstanceUid == report.DicomSopInstanceUid);
        Assert.Equal(DicomUid.EncapsulatedPDFStorage.Value, instance.SopClassUid);
        var stored = await app.Services.GetRequiredService<IDicomStore>().RetrieveAsync(instance.Key);
        Assert.Equal(await File.ReadAllBytesAsync(path), EncapsulatedPdfBuilder.ReadPdf(DicomFile.Read(stored!).Dataset));

        // The verify page: the downloaded file is valid; the same file with one byte changed is not.
        await gpPage.GotoAsync("/reports/verify");
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        await FileSteps.ChooseAsync(gpPage.GetByTestId("verify-file"), path);
        await Assertions.Expect(gpPage.GetByTestId("verify-verdict")).ToContainTextAsync("Valid");
        await Assertions.Expect(gpPage.GetByTestId("verify-trusted")).ToHaveTextAsync("yes");
        await Assertions.Expect(gpPage.GetByTestId("verify-signer")).ToHaveTextAsync($"Test {Roles.Dermatologist}");
        await gpPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("report-verify-valid"), FullPage = true });
        var altered = await File.ReadAllBytesAsync(path);
        var at = altered.AsSpan().IndexOf("/Title"u8) + 10;
        altered[at] ^= 0x01;
        await FileSteps.ChooseAsync(gpPage.GetByTestId("verify-file"), new FilePayload { Name = "altered.pdf", MimeType = "application/pdf", Buffer = altered });
        await Assertions.Expect(gpPage.GetByTestId("verify-verdict")).ToContainTextAsync("Not valid");
        await Assertions.Expect(gpPage.GetByTestId("verify-intact")).ToHaveTextAsync("no");
        await gpPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("report-verify-altered"), FullPage = true });

        // A correction is an addendum: a second signed report naming the first, which stays as it was.
        await gpPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        await dermPage.GetByTestId("write-addendum").ClickAsync();
        await SelectSteps.ChooseAsync(dermPage, "diagnosis-code-select", "L82");
        await SelectSteps.ChooseAsync(dermPage, "management-select", "Reassure");
        await dermPage.GetByTestId("message-to-gp").FillAsync("Correction: on review this is a seborrhoeic keratosis; no treatment is needed.");
        await dermPage.GetByTestId("sign-secret").FillAsync(dermatologist.Password);
        await dermPage.GetByTestId("sign-report").ClickAsync();
        await Assertions.Expect(gpPage.GetByTestId("report")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Assertions.Expect(gpPage.GetByTestId("addendum-of")).ToContainTextAsync($"addendum to {@case.Reference}-R1");
        await using var after = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var addendum = await after.Set<SignedReport>().SingleAsync(r => r.CaseId == @case.Id && r.AddendumOfReportId == report.Id);
        Assert.True(ReportVerifier.Verify(addendum.Pdf, [authority]).IsValid);
        Assert.Equal(report.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            (await after.Set<SignedReport>().SingleAsync(r => r.Id == report.Id)).Pdf)));
    }

    [Fact]
    public async Task A_dermatologist_imports_a_hospital_certificate_from_PKCS12()
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var now = DateTimeOffset.UtcNow;
        using var root = TeleDerm.Reports.Certificates.CertificateAuthority.CreateRoot("CHU Browser Root", "CHU", now.AddDays(-1));
        using var issued = TeleDerm.Reports.Certificates.CertificateAuthority.IssueSigningCertificate(root, "Dr Hospital Cert", "CHU", dermatologist.Email, now.AddDays(-1));
        var pkcs12 = issued.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "secret-pkcs12")!;

        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, dermatologist);
        await page.GetByRole(AriaRole.Link, new() { Name = "Signing certificate" }).First.ClickAsync();
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("certificate-none").WaitForAsync();
        await FileSteps.ChooseAsync(page.GetByTestId("pkcs12-file"), new FilePayload { Name = "doctor.p12", MimeType = "application/x-pkcs12", Buffer = pkcs12 });
        await page.GetByTestId("pkcs12-password").FillAsync("wrong");
        await page.GetByTestId("pkcs12-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificate-message")).ToHaveTextAsync("The file is not a PKCS#12 file, or the password is wrong.");
        await page.GetByTestId("pkcs12-password").FillAsync("secret-pkcs12");
        await page.GetByTestId("pkcs12-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificate-message")).ToHaveTextAsync("Imported: your next reports are signed with this certificate.");
        await Assertions.Expect(page.GetByTestId("certificate-current")).ToContainTextAsync("CN=Dr Hospital Cert");
        await Assertions.Expect(page.GetByTestId("certificate-current")).ToContainTextAsync("imported from your hospital");
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("signing-certificate-imported"), FullPage = true });
    }
}
