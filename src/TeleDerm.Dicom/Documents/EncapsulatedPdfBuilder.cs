using System.Globalization;

namespace TeleDerm.Dicom.Documents;

/// <summary>Who and what the report instance belongs to: the study of the case's images.</summary>
public sealed record EncapsulatedPdfRequest
{
    public required string PatientId { get; init; }
    public string PatientName { get; init; } = "";
    public DateOnly? PatientBirthDate { get; init; }
    /// <summary>M, F, O or empty.</summary>
    public string PatientSex { get; init; } = "";
    public required DicomUid StudyInstanceUid { get; init; }
    public string AccessionNumber { get; init; } = "";
    public required DateTimeOffset StudyDateTime { get; init; }
    public DicomUid? SeriesInstanceUid { get; init; }
    public DicomUid? SopInstanceUid { get; init; }
    public required DateTimeOffset ContentDateTime { get; init; }
    public required string DocumentTitle { get; init; }
    public string Manufacturer { get; init; } = "TeleDerm";
}

/// <summary>
/// Builds an Encapsulated PDF instance (PS3.3 A.45.1): the signed report file, byte for byte, in
/// Encapsulated Document (0042,0011), so the report travels with the images of its study. The PDF is not
/// re-encoded; an odd length is padded with one 00 byte as PS3.5 7.1.1 requires, and the Encapsulated
/// Document Length (0042,0015) keeps the true length so readers can take exactly the signed file back.
/// </summary>
public static class EncapsulatedPdfBuilder
{
    private static readonly DicomTag EncapsulatedDocumentLength = new(0x0042, 0x0015);

    public static DicomFile Build(byte[] pdf, EncapsulatedPdfRequest request)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(request);
        if (pdf.Length < 5 || !pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
            throw new ArgumentException("The document is not a PDF (it does not start with %PDF-).", nameof(pdf));
        var ds = new DicomDataset();
        var content = request.ContentDateTime.ToUniversalTime();
        var study = request.StudyDateTime.ToUniversalTime();
        var created = DateTimeOffset.UtcNow;

        // SOP Common (C.12.1)
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.SetString(DicomTags.SOPClassUID, DicomUid.EncapsulatedPDFStorage.Value);
        ds.SetString(DicomTags.SOPInstanceUID, (request.SopInstanceUid ?? DicomUid.Generate()).Value);
        ds.SetString(DicomTags.InstanceCreationDate, created.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.InstanceCreationTime, created.ToString("HHmmss", CultureInfo.InvariantCulture));

        // Patient (C.7.1.1)
        ds.SetString(DicomTags.PatientName, request.PatientName);
        ds.SetString(DicomTags.PatientID, request.PatientId);
        ds.SetString(DicomTags.PatientBirthDate, request.PatientBirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "");
        ds.SetString(DicomTags.PatientSex, request.PatientSex);

        // General Study (C.7.2.1): the study of the case's images
        ds.SetString(DicomTags.StudyInstanceUID, request.StudyInstanceUid.Value);
        ds.SetString(DicomTags.StudyDate, study.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.StudyTime, study.ToString("HHmmss", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.ReferringPhysicianName, "");
        ds.SetString(DicomTags.StudyID, "");
        ds.SetString(DicomTags.AccessionNumber, request.AccessionNumber);

        // Encapsulated Document Series (C.24.1): a series of its own, modality DOC
        ds.SetString(DicomTags.Modality, "DOC");
        ds.SetString(DicomTags.SeriesInstanceUID, (request.SeriesInstanceUid ?? DicomUid.Generate()).Value);
        ds.SetString(DicomTags.SeriesNumber, "900");

        // General Equipment (C.7.5.1) and SC Equipment (C.8.6.1): a workstation-made document
        ds.SetString(DicomTags.Manufacturer, request.Manufacturer);
        ds.SetString(DicomTags.ConversionType, "WSD");

        // Encapsulated Document (C.24.2)
        ds.SetString(DicomTags.InstanceNumber, "1");
        ds.SetString(DicomTags.ContentDate, content.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.ContentTime, content.ToString("HHmmss", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.AcquisitionDateTime, content.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.BurnedInAnnotation, "YES");
        ds.SetString(DicomTags.DocumentTitle, request.DocumentTitle);
        ds.SetSequence(DicomTags.ConceptNameCodeSequence, new DicomDataset()
            .SetString(DicomTags.CodeValue, "11488-4")
            .SetString(DicomTags.CodingSchemeDesignator, "LN")
            .SetString(DicomTags.CodeMeaning, "Consult note"));
        ds.SetString(DicomTags.MIMETypeOfEncapsulatedDocument, "application/pdf");
        ds.SetUInt32(EncapsulatedDocumentLength, (uint)pdf.Length);
        var value = pdf.Length % 2 == 0 ? pdf : [.. pdf, 0];
        ds.SetBytes(DicomTags.EncapsulatedDocument, DicomVR.OB, value);
        return new DicomFile(new DicomDataset(), ds) { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian };
    }

    /// <summary>The PDF inside an Encapsulated PDF instance, exactly its Encapsulated Document Length bytes.</summary>
    public static byte[] ReadPdf(DicomDataset dataset)
    {
        if (dataset.GetItem(DicomTags.EncapsulatedDocument) is not DicomElement element)
            throw new DicomFormatException("The instance has no Encapsulated Document (0042,0011).");
        var bytes = element.Buffer.GetBytes();
        var length = dataset.GetInt(EncapsulatedDocumentLength) is { } declared && declared >= 0 && declared <= bytes.Length ? declared : bytes.Length;
        return bytes[..length].ToArray();
    }
}
