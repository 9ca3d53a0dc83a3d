using TeleDerm.Core.Data;
using TeleDerm.Dicom.Import;
using TeleDerm.Dicom.Storage.Tests.Support;
using TeleDerm.Dicom.Stores;
using TeleDerm.Testing;

namespace TeleDerm.Dicom.Storage.Tests.Import;

public sealed class DicomImporterTests
{
    private static readonly PatientIdentity Anna = new("TD-0001", "Müller^Anna", new DateOnly(1970, 3, 1), "F");

    private readonly FileSystemDicomStore store = new(
        Directory.CreateTempSubdirectory("teleDerm-import-").FullName,
        new EfDicomStoreIndex(TestDatabase.CreateMigrated(DatabaseProvider.Sqlite)));

    private DicomImporter Importer => new(store);

    private static DicomFile AnnasImage() => TestInstances.Build(Anna.PatientId, DicomUid.Generate());

    private static byte[] Bytes(DicomFile file) => file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit);

    [Fact]
    public async Task An_image_of_the_expected_patient_is_stored_byte_for_byte()
    {
        var bytes = Bytes(AnnasImage());

        var result = await Importer.ImportAsync(bytes, Anna, confirmReidentification: false);

        Assert.False(result.Reidentified);
        Assert.Equal(bytes, await store.RetrieveAsync(result.Instance.Key));
    }

    [Fact]
    public async Task Without_an_expected_patient_the_file_is_stored_as_it_came()
    {
        var bytes = Bytes(AnnasImage());

        var result = await Importer.ImportAsync(bytes, expectedPatient: null, confirmReidentification: false);

        Assert.Equal(bytes, await store.RetrieveAsync(result.Instance.Key));
    }

    [Fact]
    public async Task A_VL_Photographic_image_is_taken()
    {
        var file = AnnasImage();
        file.Dataset.SetString(DicomTags.SOPClassUID, DicomUid.VLPhotographicImageStorage.Value);
        file.Dataset.SetString(DicomTags.Modality, "XC");

        var result = await Importer.ImportAsync(Bytes(file), Anna, confirmReidentification: false);

        Assert.Equal(DicomUid.VLPhotographicImageStorage.Value, result.Instance.SopClassUid);
    }

    [Fact]
    public async Task Another_patient_is_refused_with_every_difference_named_until_the_caller_confirms()
    {
        var file = AnnasImage();
        file.Dataset.SetString(DicomTags.PatientID, "DERMATOSCOPE-42");
        file.Dataset.SetString(DicomTags.PatientSex, "M");

        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(Bytes(file), Anna, confirmReidentification: false));

        Assert.Equal(DicomImportRefusal.PatientMismatch, error.Refusal);
        Assert.Contains("Patient ID: 'DERMATOSCOPE-42' in the file, 'TD-0001' expected", error.Message, StringComparison.Ordinal);
        Assert.Contains("Patient's Sex: 'M' in the file, 'F' expected", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Birth Date", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.FindAsync(new DicomInstanceQuery { PatientId = Anna.PatientId }));
    }

    [Fact]
    public async Task A_confirmed_re_identification_rewrites_the_patient_keeps_the_old_id_and_the_pixels()
    {
        var file = AnnasImage();
        file.Dataset.SetString(DicomTags.PatientID, "DERMATOSCOPE-42");
        file.Dataset.SetString(DicomTags.PatientName, "Unknown");

        var result = await Importer.ImportAsync(Bytes(file), Anna, confirmReidentification: true);

        Assert.True(result.Reidentified);
        Assert.Equal(2, result.Differences.Count);
        var stored = DicomFile.Read(await store.RetrieveAsync(result.Instance.Key));
        Assert.Equal(Anna.PatientId, stored.Dataset.GetString(DicomTags.PatientID));
        Assert.Equal("Müller^Anna", stored.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal("DERMATOSCOPE-42", stored.Dataset.GetSequence(DicomTags.OtherPatientIDsSequence)!.Items[0].GetString(DicomTags.PatientID));
        Assert.Equal(DicomPixelData.GetEncapsulatedFrame(file.Dataset, 0), DicomPixelData.GetEncapsulatedFrame(stored.Dataset, 0));
        Assert.Equal(DicomUid.JPEGBaseline8Bit.Value, stored.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.77.1.2", "VL Microscopic Image Storage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.77.1.1", "VL Endoscopic Image Storage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.2")]
    public async Task Images_of_other_SOP_classes_are_refused_by_name(string sopClass, string named)
    {
        var file = AnnasImage();
        file.Dataset.SetString(DicomTags.SOPClassUID, sopClass);

        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(Bytes(file), Anna, false));

        Assert.Equal(DicomImportRefusal.UnsupportedSopClass, error.Refusal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("Dermoscopic Photography Image Storage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cmu1_wsi_level-2-frames-0-4.dcm", "VL Whole Slide Microscopy Image Storage")]
    [InlineData("CT_small.dcm", "1.2.840.10008.5.1.4.1.1.2")]
    [InlineData("SC_rgb_jpeg_dcmtk.dcm", "Secondary Capture Image Storage")]
    public async Task Real_files_of_other_SOP_classes_are_refused(string name, string named)
    {
        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(File.ReadAllBytes(TestInstances.CorpusPath(name)), null, false));

        Assert.Equal(DicomImportRefusal.UnsupportedSopClass, error.Refusal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_without_pixel_data_is_refused()
    {
        var file = AnnasImage();
        file.Dataset.Remove(DicomTags.PixelData);

        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(file.ToBytes(), Anna, false));

        Assert.Equal(DicomImportRefusal.NoPixelData, error.Refusal);
        Assert.Contains("no Pixel Data (7FE0,0010)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_without_a_SOP_class_is_refused()
    {
        var bytes = Bytes(AnnasImage());

        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(StripSopClass(bytes), Anna, false));

        Assert.Equal(DicomImportRefusal.MissingAttribute, error.Refusal);
        Assert.Contains("SOP Class UID (0008,0016) is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_with_an_invalid_series_UID_is_refused()
    {
        var file = AnnasImage();
        file.Dataset.SetString(DicomTags.SeriesInstanceUID, "1.2.abc");

        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(Bytes(file), Anna, false));

        Assert.Equal(DicomImportRefusal.MissingAttribute, error.Refusal);
        Assert.Contains("Series Instance UID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_different_image_under_an_imported_SOP_Instance_UID_is_refused_by_the_store()
    {
        var file = AnnasImage();
        await Importer.ImportAsync(Bytes(file), Anna, false);
        file.Dataset.SetString(DicomTags.PatientID, "SOMEONE-ELSE");

        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(Bytes(file), Anna, confirmReidentification: true));

        Assert.Equal(DicomImportRefusal.RefusedByStore, error.Refusal);
    }

    [Theory]
    [InlineData("MR_truncated.dcm", "exceeds")]
    [InlineData("rtplan_truncated.dcm", "exceeds")]
    [InlineData("GH364.dcm", "unexpected (FFFE,E000)")]
    public async Task Malformed_corpus_files_are_refused_with_the_codec_reason(string name, string reason)
    {
        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(File.ReadAllBytes(TestInstances.CorpusPath(name)), Anna, false));

        Assert.Equal(DicomImportRefusal.Malformed, error.Refusal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.IsType<DicomFormatException>(error.InnerException);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    public async Task Bytes_that_are_not_DICOM_are_refused_as_malformed(byte[] bytes)
    {
        var error = await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(bytes, Anna, false));
        Assert.Equal(DicomImportRefusal.Malformed, error.Refusal);
    }

    [Fact]
    public async Task Every_truncation_of_a_valid_image_is_refused_with_an_import_error_and_never_stored()
    {
        var bytes = Bytes(AnnasImage());
        for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 150))
        {
            var cut = bytes[..length];
            await Assert.ThrowsAsync<DicomImportException>(() => Importer.ImportAsync(cut, Anna, false));
        }

        Assert.Empty(await store.FindAsync(new DicomInstanceQuery { PatientId = Anna.PatientId }));
    }

    // The writer refuses a dataset without SOP Class UID; remove the element from the written bytes instead.
    private static byte[] StripSopClass(byte[] bytes)
    {
        var value = System.Text.Encoding.ASCII.GetBytes(DicomUid.DermoscopicPhotographyImageStorage.Value);
        // Dataset element (0008,0016) UI: tag 08 00 16 00, "UI", 2-byte length; the meta group's copy is (0002,0002).
        ReadOnlySpan<byte> header = [0x08, 0x00, 0x16, 0x00, (byte)'U', (byte)'I'];
        var at = bytes.AsSpan().IndexOf(header);
        Assert.True(at > 0);
        var length = bytes[at + 6] | (bytes[at + 7] << 8);
        Assert.True(length >= value.Length);
        return [.. bytes[..at], .. bytes[(at + 8 + length)..]];
    }
}
