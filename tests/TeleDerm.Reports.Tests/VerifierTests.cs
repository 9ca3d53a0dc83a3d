using System.Formats.Asn1;
using System.Security.Cryptography.Pkcs;
using System.Text;
using TeleDerm.Reports.Certificates;
using TeleDerm.Reports.Content;
using TeleDerm.Reports.Signing;
using TeleDerm.Reports.Verification;

namespace TeleDerm.Reports.Tests;

public class VerifierTests
{
    private static readonly Lazy<byte[]> Signed = new(() => SampleReports.Signed());

    [Fact]
    public void A_signed_report_is_valid_and_names_signer_time_and_PAdES_type()
    {
        var result = ReportVerifier.Verify(Signed.Value, TestPki.TrustedRoots);
        Assert.True(result.IsValid, result.Signatures.FirstOrDefault()?.Problem ?? result.Problem);
        var signature = Assert.Single(result.Signatures);
        Assert.Equal("Dr Claire Martin", signature.SignerName);
        Assert.Equal(SampleReports.SigningTime, signature.SigningTimeUtc);
        Assert.Equal("ETSI.CAdES.detached", signature.SubFilter);
        Assert.True(signature.CoversWholeFile);
        Assert.True(signature.CertificateTrusted);
        Assert.True(signature.SigningCertificateBound);
    }

    [Fact]
    public void The_CMS_is_SHA256_with_signing_certificate_v2_and_no_signing_time_attribute()
    {
        var (der, content) = ExternalVerificationTests.Extract(Signed.Value);
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.Decode(der);
        var signer = Assert.Single(cms.SignerInfos.Cast<SignerInfo>());
        Assert.Equal("2.16.840.1.101.3.4.2.1", signer.DigestAlgorithm.Value);
        var oids = signer.SignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>().Select(a => a.Oid.Value).ToList();
        Assert.Contains(SigningCertificateV2.Oid, oids);
        Assert.Contains("1.2.840.113549.1.9.4", oids); // message digest
        Assert.DoesNotContain("1.2.840.113549.1.9.5", oids); // signing time lives in /M (EN 319 142-1)
        signer.CheckSignature(verifySignatureOnly: true);
    }

    [Fact]
    public void A_certificate_from_another_authority_is_not_trusted()
    {
        using var otherRoot = CertificateAuthority.CreateRoot("Some Other CA", "Elsewhere", TestPki.Now);
        var result = ReportVerifier.Verify(Signed.Value, [otherRoot]);
        Assert.False(result.IsValid);
        Assert.False(result.Signatures[0].CertificateTrusted);
        Assert.True(result.Signatures[0].Intact);
        Assert.Contains("trusted root", result.Signatures[0].Problem);
    }

    [Fact]
    public void Bytes_appended_after_signing_are_reported()
    {
        var pdf = Signed.Value.Concat(Encoding.ASCII.GetBytes("\n% appended\n")).ToArray();
        var result = ReportVerifier.Verify(pdf, TestPki.TrustedRoots);
        Assert.False(result.IsValid);
        Assert.True(result.Signatures[0].Intact);
        Assert.False(result.Signatures[0].CoversWholeFile);
        Assert.Contains("appended", result.Signatures[0].Problem);
    }

    [Fact]
    public void An_addendum_names_the_report_it_corrects_and_verifies_on_its_own()
    {
        var first = Signed.Value;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first));
        var addendum = SampleReports.Content() with
        {
            ReportNumber = "TD-2026-000418",
            AddendumTo = new ReportAddendum("TD-2026-000417", hash, SampleReports.SigningTime),
        };
        using var document = ReportComposer.Compose(addendum);
        var pdf = PadesSigner.Sign(document, TestPki.Dermatologist, SampleReports.SigningTime.AddHours(2));
        Assert.True(ReportVerifier.Verify(pdf, TestPki.TrustedRoots).IsValid);
        var text = ExternalTool.Run("pdftotext", "poppler-utils", SampleReports.WriteTemp(pdf), "-").Output;
        Assert.Contains("Addendum", text);
        Assert.Contains(hash[..16], text.Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsigned_PDF_has_no_signature()
    {
        var result = ReportVerifier.Verify(ReportComposer.ComposeUnsigned(SampleReports.Content(signed: false)));
        Assert.False(result.IsValid);
        Assert.Empty(result.Signatures);
        Assert.Contains("no signature", result.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GIF89a not a pdf at all")]
    [InlineData("<html>%PDF-1.7</html>")]
    public void A_file_that_is_not_a_PDF_is_refused_with_a_reason(string text)
    {
        var result = ReportVerifier.Verify(Encoding.ASCII.GetBytes(text));
        Assert.False(result.IsValid);
        Assert.Contains("not a PDF", result.Problem);
    }

    [Theory]
    [InlineData("/ByteRange [0 10 20]", "3 numbers")]
    [InlineData("/ByteRange [0 10 x 5]", "not a non-negative integer")]
    [InlineData("/ByteRange [0 -10 20 5]", "not a non-negative integer")]
    [InlineData("/ByteRange [5 10 20 5]", "does not fit")]
    [InlineData("/ByteRange [0 10 20 9223372036854775800]", "does not fit")]
    [InlineData("/ByteRange [0 99999999 99999999 99999999]", "does not fit")]
    public void A_malformed_byte_range_is_reported_not_thrown(string byteRange, string expected)
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Sig " + byteRange + " /Contents <00> >>\nendobj\n" + new string(' ', 40) + "%%EOF\n");
        var result = ReportVerifier.Verify(pdf);
        Assert.False(result.IsValid);
        Assert.Contains(expected, Assert.Single(result.Signatures).Problem);
    }

    [Fact]
    public void Contents_that_are_not_hex_or_not_CMS_are_reported()
    {
        var valid = Signed.Value;
        var (start, end) = ContentsSpan(valid);

        var notHex = (byte[])valid.Clone();
        notHex[start + 1] = (byte)'Z';
        Assert.Contains("not a CMS", ReportVerifier.Verify(notHex).Signatures[0].Problem);

        var notCms = (byte[])valid.Clone();
        // A well-formed DER OCTET STRING instead of a SignedData.
        Encoding.ASCII.GetBytes("0403414243").CopyTo(notCms, start + 1);
        Assert.Contains("not a CMS", ReportVerifier.Verify(notCms).Signatures[0].Problem);

        var gapMoved = (byte[])valid.Clone();
        gapMoved[start] = (byte)' ';
        Assert.Contains("not a hex string", ReportVerifier.Verify(gapMoved).Signatures[0].Problem);
        Assert.True(end > start);
    }

    [Fact]
    public void A_damaged_certificate_inside_the_signature_is_reported_not_thrown()
    {
        // The CMS decodes (the certificate's outer length is intact) but the certificate inside does not parse.
        var pdf = (byte[])Signed.Value.Clone();
        var certificateHex = Convert.ToHexString(TestPki.Dermatologist.Certificate.RawData);
        var at = Encoding.Latin1.GetString(pdf).IndexOf(certificateHex, StringComparison.Ordinal);
        Assert.True(at > 0, "the signer's certificate is carried in /Contents as hex");
        Assert.Equal("30", Encoding.ASCII.GetString(pdf, at + 8, 2)); // the TBSCertificate's SEQUENCE tag
        Encoding.ASCII.GetBytes("04").CopyTo(pdf, at + 8);

        var result = ReportVerifier.Verify(pdf, TestPki.TrustedRoots);

        Assert.False(result.IsValid);
        Assert.Contains("certificate", result.Signatures[0].Problem);
    }

    [Fact]
    public void Truncated_and_randomly_damaged_reports_never_throw_and_are_never_valid()
    {
        var valid = Signed.Value;
        var random = new Random(20261122);
        for (var i = 0; i < 200; i++)
        {
            var damaged = i % 4 == 0 ? valid[..random.Next(8, valid.Length)] : (byte[])valid.Clone();
            if (i % 4 != 0)
            {
                for (var n = 0; n < 1 + random.Next(4); n++)
                {
                    var at = random.Next(damaged.Length);
                    var old = damaged[at];
                    damaged[at] = (byte)random.Next(256);
                    if (damaged[at] == old)
                        damaged[at] ^= 1;
                }
            }
            var result = ReportVerifier.Verify(damaged, TestPki.TrustedRoots);
            if (result.IsValid)
            {
                // Only a change inside the zero padding after the CMS value may leave it valid.
                var (start, end) = ContentsSpan(valid);
                var changed = Enumerable.Range(0, damaged.Length).Where(k => damaged[k] != valid[k]).ToList();
                Assert.All(changed, k => Assert.InRange(k, start + 1, end - 2));
            }
        }
    }

    private static (int Start, int End) ContentsSpan(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var match = System.Text.RegularExpressions.Regex.Match(text, @"/ByteRange\s*\[0 (\d+) (\d+) \d+\s*\]");
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
