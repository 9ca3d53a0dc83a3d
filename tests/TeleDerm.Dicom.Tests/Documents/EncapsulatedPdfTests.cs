using System.Text;
using TeleDerm.Dicom.Documents;
using TeleDerm.Dicom.Tests.Dermoscopy;
using Xunit.Abstractions;

namespace TeleDerm.Dicom.Tests.Documents;

/// <summary>The signed report as an Encapsulated PDF instance: valid for dciodvfy, readable by dcmdump, the PDF back byte for byte.</summary>
public sealed class EncapsulatedPdfTests(ITestOutputHelper output)
{
    // An odd length on purpose: the element is padded, the length attribute keeps the truth.
    private static readonly byte[] Pdf = OddLength(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"));

    private static byte[] OddLength(byte[] bytes) => bytes.Length % 2 == 1 ? bytes : [.. bytes, (byte)'\n'];

    private static EncapsulatedPdfRequest Request() => new()
    {
        PatientId = "PAT-88213",
        PatientName = "DURAND^Élodie",
        PatientBirthDate = new DateOnly(1961, 3, 14),
        PatientSex = "F",
        StudyInstanceUid = new DicomUid("2.25.1234567890123456789"),
        StudyDateTime = new DateTimeOffset(2026, 11, 20, 14, 5, 0, TimeSpan.Zero),
        ContentDateTime = new DateTimeOffset(2026, 11, 22, 9, 45, 0, TimeSpan.Zero),
        DocumentTitle = "Tele-expertise report TD-1-R1",
    };

    [Fact]
    public void The_instance_passes_dciodvfy_and_dcmdump()
    {
        Assert.True(Pdf.Length % 2 == 1);
        var bytes = EncapsulatedPdfBuilder.Build(Pdf, Request()).ToBytes();
        var (errors, report, dump) = SkinPhotos.Validate(bytes);
        output.WriteLine(report);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.Contains("EncapsulatedPDF", report.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.True(dump.ExitCode == 0, dump.Errors);
        Assert.Contains("(0008,0060) CS [DOC]", dump.Output, StringComparison.Ordinal);
        Assert.Contains("(0042,0012) LO [application/pdf]", dump.Output, StringComparison.Ordinal);
        Assert.Contains("(0020,000d) UI [2.25.1234567890123456789]", dump.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_PDF_comes_back_byte_for_byte()
    {
        var bytes = EncapsulatedPdfBuilder.Build(Pdf, Request()).ToBytes();
        var read = DicomFile.Read(bytes).Dataset;
        Assert.Equal(Pdf, EncapsulatedPdfBuilder.ReadPdf(read));
        Assert.Equal(DicomUid.EncapsulatedPDFStorage.Value, read.GetString(DicomTags.SOPClassUID));
    }

    [Fact]
    public void Bytes_that_are_not_a_PDF_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => EncapsulatedPdfBuilder.Build("GIF89a"u8.ToArray(), Request()));
        Assert.Contains("not a PDF", error.Message);
        Assert.Throws<DicomFormatException>(() => EncapsulatedPdfBuilder.ReadPdf(new DicomDataset()));
    }
}
