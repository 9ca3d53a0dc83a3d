using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Json;
using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Writing;

public sealed class WritingTests
{
    [Theory]
    [InlineData("CT_small.dcm")]
    [InlineData("MR_small_bigendian.dcm")]
    [InlineData("MR_small_implicit.dcm")]
    [InlineData("test-SR.dcm")]
    [InlineData("image_dfl.dcm")]
    [InlineData("UN_sequence.dcm")]
    public void Writing_explicit_little_endian_and_reading_back_keeps_every_value(string name)
    {
        var original = DicomFile.Open(Corpus.PathOf(name));

        var copy = DicomFile.Read(original.ToBytes());

        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, copy.ReadResult!.TransferSyntax);
        var differences = Json.JsonComparer.Compare(DicomJsonWriter.ToJson(copy.Dataset), DicomJsonWriter.ToJson(original.Dataset));
        Assert.Empty(differences);
    }

    [Fact]
    public void Every_readable_corpus_file_is_written_so_that_we_and_dcmdump_read_it_back()
    {
        var temp = Path.Combine(Path.GetTempPath(), $"teleDerm-roundtrip-{Guid.NewGuid():N}.dcm");
        try
        {
            foreach (var path in Corpus.AllFiles().Where(p => !Corpus.Malformed.Contains(Path.GetFileName(p))))
            {
                var original = DicomFile.Open(path);
                var identified = (original.Dataset.GetString(DicomTags.SOPInstanceUID) ?? original.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID)) is { Length: > 0 }
                    && (original.Dataset.GetString(DicomTags.SOPClassUID) ?? original.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID)) is { Length: > 0 };
                if (!identified)
                {
                    // Files without a SOP Class or Instance UID cannot get valid File Meta Information.
                    Assert.Throws<InvalidOperationException>(() => original.ToBytes());
                    continue;
                }

                var bytes = original.ToBytes();

                var copy = DicomFile.Read(bytes);
                // Encapsulated Pixel Data is always written as OB (PS3.5 A.4), even when a file said OW.
                var differences = Json.JsonComparer.Compare(DicomJsonWriter.ToJson(copy.Dataset), DicomJsonWriter.ToJson(original.Dataset))
                    .Where(d => d != "7FE00010: VR OB vs OW");
                Assert.Empty(differences);
                File.WriteAllBytes(temp, bytes);
                var dcmdump = ExternalTool.Run("dcmdump", "dcmtk", temp);
                Assert.True(dcmdump.ExitCode == 0, $"{Path.GetFileName(path)}: {dcmdump.Errors}");
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Fact]
    public void Encapsulated_pixel_data_is_not_written_with_a_native_transfer_syntax()
    {
        var file = DicomFile.Open(Corpus.PathOf("SC_rgb_jpeg_dcmtk.dcm"));

        Assert.Throws<InvalidOperationException>(() => file.ToBytes(DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Equal("1.2.840.10008.1.2.4.50", DicomFile.Read(file.ToBytes()).FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
    }

    [Fact]
    public void The_file_meta_information_group_is_complete_and_its_length_is_right()
    {
        var ds = new DicomDataset()
            .SetString(DicomTags.SOPClassUID, DicomUid.VLPhotographicImageStorage.Value)
            .SetString(DicomTags.SOPInstanceUID, "2.25.1234")
            .SetString(DicomTags.PatientID, "P1");

        var bytes = new DicomFile(new DicomDataset(), ds).ToBytes();
        var meta = DicomFile.Read(bytes).FileMetaInformation;

        Assert.Equal("DICM", System.Text.Encoding.ASCII.GetString(bytes, 128, 4));
        Assert.Equal([0x00, 0x01], ((DicomElement)meta.GetItem(DicomTags.FileMetaInformationVersion)!).Buffer.GetBytes().ToArray());
        Assert.Equal(DicomUid.VLPhotographicImageStorage.Value, meta.GetString(DicomTags.MediaStorageSOPClassUID));
        Assert.Equal("2.25.1234", meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal("1.2.840.10008.1.2.1", meta.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal(DicomUid.TeleDermImplementationClass.Value, meta.GetString(DicomTags.ImplementationClassUID));
        Assert.Equal(DicomFileWriter.ImplementationVersionName, meta.GetString(DicomTags.ImplementationVersionName));
        // Group length counts the bytes after itself up to the dataset's first element.
        var groupLength = meta.GetInt(DicomTags.FileMetaInformationGroupLength)!.Value;
        Assert.Equal(0x0008, BitConverter.ToUInt16(bytes, 132 + 12 + groupLength));
    }

    [Fact]
    public void Values_are_padded_to_even_length_with_the_padding_of_their_VR()
    {
        var ds = new DicomDataset().SetString(DicomTags.PatientID, "ABC").SetString(DicomTags.StudyInstanceUID, "1.2");
        using var stream = new MemoryStream();

        DicomWriter.WriteDataset(stream, ds);

        var bytes = stream.ToArray();
        Assert.Equal(24, bytes.Length);
        Assert.Equal(4, BitConverter.ToUInt16(bytes, 6));
        Assert.Equal((byte)' ', bytes[11]);
        Assert.Equal(4, BitConverter.ToUInt16(bytes, 18));
        Assert.Equal((byte)0, bytes[23]);
    }

    [Fact]
    public void Encapsulated_JPEG_baseline_is_written_with_an_empty_offset_table_and_one_fragment_per_frame()
    {
        byte[] frame1 = [0xFF, 0xD8, 0x01, 0xFF, 0xD9];
        byte[] frame2 = [0xFF, 0xD8, 0x02, 0x03, 0xFF, 0xD9];
        var ds = new DicomDataset()
            .SetString(DicomTags.SOPClassUID, DicomUid.VLPhotographicImageStorage.Value)
            .SetString(DicomTags.SOPInstanceUID, "2.25.99")
            .SetString(DicomTags.NumberOfFrames, "2");
        DicomPixelData.SetEncapsulatedFrames(ds, [frame1, frame2]);

        var bytes = new DicomFile(new DicomDataset(), ds).ToBytes(DicomTransferSyntax.JPEGBaseline8Bit);
        var back = DicomFile.Read(bytes);

        Assert.Equal("1.2.840.10008.1.2.4.50", back.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
        var pixels = Assert.IsType<DicomFragmentSequence>(back.Dataset.GetItem(DicomTags.PixelData));
        Assert.Equal(0, pixels.BasicOffsetTableBuffer.Length);
        Assert.Equal([6L, 6L], pixels.Fragments.Select(f => f.Length));
        Assert.Equal([.. frame1, 0], DicomPixelData.GetEncapsulatedFrame(back.Dataset, 0));
        Assert.Equal(frame2, DicomPixelData.GetEncapsulatedFrame(back.Dataset, 1));
    }

    [Fact]
    public void Writing_without_SOP_identity_is_refused()
    {
        var file = new DicomFile(new DicomDataset(), new DicomDataset().SetString(DicomTags.PatientID, "X"));

        Assert.Throws<InvalidOperationException>(() => file.ToBytes());
    }

    [Fact]
    public void A_written_file_is_accepted_by_dcmdump()
    {
        var bytes = DicomFile.Open(Corpus.PathOf("CT_small.dcm")).ToBytes();
        var temp = Path.Combine(Path.GetTempPath(), $"teleDerm-write-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(temp, bytes);
            var theirs = Dcm2Json.Run(temp);
            Assert.True(theirs.ExitCode == 0, theirs.Errors);
            Assert.Empty(Json.JsonComparer.Compare(DicomJsonWriter.ToJson(DicomFile.Read(bytes).Dataset), theirs.Json));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
