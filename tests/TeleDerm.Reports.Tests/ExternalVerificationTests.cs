using System.Globalization;
using System.Text;
using TeleDerm.Reports.Content;
using TeleDerm.Reports.Verification;

namespace TeleDerm.Reports.Tests;

/// <summary>The signed report as other software sees it: qpdf, poppler's pdfsig and pdftotext, OpenSSL.</summary>
public class ExternalVerificationTests
{
    private static readonly Lazy<byte[]> English = new(() => SampleReports.Signed(ReportLanguage.English));

    [Fact]
    public void Signed_report_passes_qpdf_check()
    {
        var path = SampleReports.WriteTemp(English.Value);
        var result = ExternalTool.Run("qpdf", "qpdf", "--check", path);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("No syntax or stream encoding errors found", result.Output);
    }

    [Fact]
    public void Unsigned_draft_passes_qpdf_check()
    {
        var path = SampleReports.WriteTemp(ReportComposer.ComposeUnsigned(SampleReports.Content(signed: false)));
        var result = ExternalTool.Run("qpdf", "qpdf", "--check", path);
        Assert.True(result.ExitCode == 0, result.All);
    }

    [Fact]
    public void Pdfsig_reports_a_valid_PAdES_signature_from_a_trusted_certificate()
    {
        var path = SampleReports.WriteTemp(English.Value);
        var result = ExternalTool.Run("pdfsig", "poppler-utils", "-nssdir", TestPki.NssDatabase, path);
        Assert.Contains("Signature Validation: Signature is Valid.", result.Output);
        Assert.Contains("Certificate Validation: Certificate is Trusted.", result.Output);
        Assert.Contains("Signature Type: ETSI.CAdES.detached", result.Output);
        Assert.Contains("- Total document signed", result.Output);
        Assert.Contains("Signer Certificate Common Name: Dr Claire Martin", result.Output);
        Assert.Contains("Signing Hash Algorithm: SHA-256", result.Output);
    }

    [Fact]
    public void Pdfsig_does_not_trust_the_certificate_without_the_test_root()
    {
        var path = SampleReports.WriteTemp(English.Value);
        var emptyNss = Directory.CreateTempSubdirectory("teleDerm-nss-empty-").FullName;
        Assert.Equal(0, ExternalTool.Run("certutil", "libnss3-tools", "-N", "-d", "sql:" + emptyNss, "--empty-password").ExitCode);
        var result = ExternalTool.Run("pdfsig", "poppler-utils", "-nssdir", "sql:" + emptyNss, path);
        Assert.Contains("Signature Validation: Signature is Valid.", result.Output);
        Assert.DoesNotContain("Certificate is Trusted", result.Output);
    }

    [Fact]
    public void Openssl_cms_verifies_the_extracted_signature_over_the_byte_range()
    {
        var pdf = English.Value;
        var (signature, signedBytes) = Extract(pdf);
        var folder = Directory.CreateTempSubdirectory("teleDerm-openssl-").FullName;
        File.WriteAllBytes(Path.Combine(folder, "signature.der"), signature);
        File.WriteAllBytes(Path.Combine(folder, "signed.bin"), signedBytes);
        var result = OpensslVerify(folder);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Verification successful", result.All);
    }

    [Fact]
    public void One_byte_changed_inside_the_signed_range_is_reported_as_altered_by_pdfsig_openssl_and_TeleDerm()
    {
        var pdf = (byte[])English.Value.Clone();
        // A byte inside the first range, in the page content: the document title in the Info dictionary is plain text.
        var title = Encoding.ASCII.GetBytes("TD-2026-000417");
        var at = pdf.AsSpan().IndexOf(title);
        Assert.True(at > 0);
        pdf[at + 3] = (byte)'9';
        var path = SampleReports.WriteTemp(pdf);

        var pdfsig = ExternalTool.Run("pdfsig", "poppler-utils", "-nssdir", TestPki.NssDatabase, path);
        Assert.Contains("Signature Validation: Digest Mismatch.", pdfsig.Output);
        Assert.DoesNotContain("Signature is Valid", pdfsig.Output);

        var (signature, signedBytes) = Extract(pdf);
        var folder = Directory.CreateTempSubdirectory("teleDerm-openssl-").FullName;
        File.WriteAllBytes(Path.Combine(folder, "signature.der"), signature);
        File.WriteAllBytes(Path.Combine(folder, "signed.bin"), signedBytes);
        var openssl = OpensslVerify(folder);
        Assert.NotEqual(0, openssl.ExitCode);
        Assert.Contains("CMS Verification failure", openssl.All);

        var ours = ReportVerifier.Verify(pdf, TestPki.TrustedRoots);
        Assert.False(ours.IsValid);
        Assert.False(ours.Signatures[0].Intact);
        Assert.Contains("altered", ours.Signatures[0].Problem);
    }

    [Theory]
    [InlineData(ReportLanguage.English, "DURAND-LEFÈVRE Élodie", "Atypical melanocytic naevus of the trunk", "D22.5", "Excision or biopsy", "Fusidic acid cream", "Prescription")]
    [InlineData(ReportLanguage.French, "DURAND-LEFÈVRE Élodie", "Atypical melanocytic naevus of the trunk", "D22.5", "Exérèse ou biopsie", "Fusidic acid cream", "Ordonnance")]
    public void Pdftotext_finds_patient_diagnosis_management_and_prescription(ReportLanguage language, params string[] expected)
    {
        var path = SampleReports.WriteTemp(language == ReportLanguage.English ? English.Value : SampleReports.Signed(language));
        var result = ExternalTool.Run("pdftotext", "poppler-utils", "-layout", path, "-");
        Assert.True(result.ExitCode == 0, result.All);
        foreach (var text in expected)
            Assert.Contains(text, result.Output);
    }

    [Fact]
    public void Fonts_are_embedded()
    {
        var path = SampleReports.WriteTemp(English.Value);
        var result = ExternalTool.Run("pdffonts", "poppler-utils", path);
        Assert.True(result.ExitCode == 0, result.All);
        var fonts = result.Output.Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, line => Assert.Contains("DejaVu Sans", line));
        // Columns: name type encoding emb sub uni object ID: embedded, subset, with a Unicode map.
        Assert.All(fonts, line => Assert.Matches(@"\s+yes\s+yes\s+yes\s+", line));
    }

    [Theory]
    [InlineData(ReportLanguage.English)]
    [InlineData(ReportLanguage.French)]
    public void Pages_render_with_pdftoppm(ReportLanguage language)
    {
        var pdf = language == ReportLanguage.English ? English.Value : SampleReports.Signed(language);
        var folder = Path.Combine(SampleReports.RepoRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var code = language == ReportLanguage.English ? "en" : "fr";
        File.WriteAllBytes(Path.Combine(folder, $"report-{code}.pdf"), pdf);
        var prefix = Path.Combine(folder, $"report-{code}");
        var result = ExternalTool.Run("pdftoppm", "poppler-utils", "-png", "-r", "80", Path.Combine(folder, $"report-{code}.pdf"), prefix);
        Assert.True(result.ExitCode == 0, result.All);
        var pages = Directory.GetFiles(folder, $"report-{code}-*.png");
        Assert.Equal(3, pages.Length); // identifiers, question and thread, two lesions; conclusion and score; prescription and signature
        Assert.All(pages, page => Assert.True(new FileInfo(page).Length > 10_000, $"{page} looks empty"));
    }

    /// <summary>The CMS bytes and the signed bytes, cut out of the file by its /ByteRange as any verifier would.</summary>
    internal static (byte[] Signature, byte[] SignedBytes) Extract(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var match = System.Text.RegularExpressions.Regex.Match(text, @"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]");
        Assert.True(match.Success, "no /ByteRange");
        var r = Enumerable.Range(1, 4).Select(i => int.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        var padded = Convert.FromHexString(text.Substring(r[1] + 1, r[2] - r[1] - 2));
        // The hex string is zero-padded after the DER value.
        System.Formats.Asn1.AsnDecoder.ReadEncodedValue(padded, System.Formats.Asn1.AsnEncodingRules.BER, out _, out _, out var length);
        var signed = pdf.AsSpan(r[0], r[1]).ToArray().Concat(pdf.AsSpan(r[2], r[3]).ToArray()).ToArray();
        return (padded[..length], signed);
    }

    /// <summary>`openssl cms -verify` of folder/signature.der over folder/signed.bin, trusting <paramref name="rootPem"/> (default: the test root).</summary>
    internal static ExternalTool.Result OpensslVerify(string folder, string? rootPem = null) =>
        ExternalTool.Run("openssl", "openssl", "cms", "-verify", "-binary", "-inform", "DER",
            "-in", Path.Combine(folder, "signature.der"), "-content", Path.Combine(folder, "signed.bin"),
            "-CAfile", rootPem ?? TestPki.RootPemPath, "-purpose", "any", "-out", Path.Combine(folder, "out.bin"));
}
