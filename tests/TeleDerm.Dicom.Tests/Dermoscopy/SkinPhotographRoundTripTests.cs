using TeleDerm.Dicom.Dermoscopy;

namespace TeleDerm.Dicom.Tests.Dermoscopy;

/// <summary>What the builder writes, read back with our own reader.</summary>
public sealed class SkinPhotographRoundTripTests
{
    [Theory]
    [InlineData(PhotographKind.Clinical, "1.2.840.10008.5.1.4.1.1.77.1.4", "XC")]
    [InlineData(PhotographKind.Dermoscopic, "1.2.840.10008.5.1.4.1.1.77.1.7", "DMS")]
    public void A_JPEG_photo_is_written_as_JPEG_Baseline_without_being_told_and_its_fragment_is_the_input(PhotographKind kind, string sopClass, string modality)
    {
        var jpeg = SkinPhotos.Jpeg();
        var frame = JpegFrameInfo.Parse(jpeg);

        var back = DicomFile.Read(SkinPhotographBuilder.Build(PhotoPixels.FromJpeg(jpeg), SkinPhotos.Request(kind)).ToBytes());

        Assert.Equal("1.2.840.10008.1.2.4.50", back.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal(sopClass, back.Dataset.GetString(DicomTags.SOPClassUID));
        Assert.Equal(modality, back.Dataset.GetString(DicomTags.Modality));
        Assert.Equal(frame.Height, back.Dataset.GetInt(DicomTags.Rows));
        Assert.Equal(frame.Width, back.Dataset.GetInt(DicomTags.Columns));
        var pixels = Assert.IsType<DicomFragmentSequence>(back.Dataset.GetItem(DicomTags.PixelData));
        var fragment = Assert.Single(pixels.Fragments).GetBytes().ToArray();
        Assert.Equal(jpeg, fragment[..jpeg.Length]);
        Assert.True(fragment.Length == jpeg.Length || (fragment.Length == jpeg.Length + 1 && fragment[^1] == 0));
    }

    [Theory]
    [InlineData(PhotographKind.Clinical, "1.2.840.10008.5.1.4.1.1.77.1.4", "XC")]
    [InlineData(PhotographKind.Dermoscopic, "1.2.840.10008.5.1.4.1.1.77.1.7", "DMS")]
    public void Native_RGB_is_written_as_deflated_explicit_VR_little_endian_RGB_with_the_given_bytes(PhotographKind kind, string sopClass, string modality)
    {
        var rgb = SkinPhotos.Rgb(40, 30);

        var back = DicomFile.Read(SkinPhotographBuilder.Build(PhotoPixels.FromRgb(40, 30, rgb), SkinPhotos.Request(kind)).ToBytes());

        var ds = back.Dataset;
        Assert.Equal("1.2.840.10008.1.2.1.99", back.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal(sopClass, ds.GetString(DicomTags.SOPClassUID));
        Assert.Equal(modality, ds.GetString(DicomTags.Modality));
        Assert.Equal(30, ds.GetInt(DicomTags.Rows));
        Assert.Equal(40, ds.GetInt(DicomTags.Columns));
        Assert.Equal("RGB", ds.GetString(DicomTags.PhotometricInterpretation));
        Assert.Equal(3, ds.GetInt(DicomTags.SamplesPerPixel));
        Assert.Equal(0, ds.GetInt(DicomTags.PlanarConfiguration));
        Assert.Equal([8, 8, 7, 0], new[] { DicomTags.BitsAllocated, DicomTags.BitsStored, DicomTags.HighBit, DicomTags.PixelRepresentation }.Select(t => ds.GetInt(t)));
        Assert.Equal("00", ds.GetString(DicomTags.LossyImageCompression));
        var pixelData = Assert.IsType<DicomElement>(ds.GetItem(DicomTags.PixelData));
        Assert.Equal(DicomVR.OB, pixelData.VR);
        Assert.Equal(rgb, pixelData.Buffer.GetBytes().ToArray());
    }

    [Fact]
    public void A_large_flat_native_RGB_picture_is_stored_a_hundred_times_smaller_than_its_pixels()
    {
        var rgb = new byte[2000 * 1500 * 3];
        rgb.AsSpan().Fill(0xC8);

        var bytes = SkinPhotographBuilder.Build(PhotoPixels.FromRgb(2000, 1500, rgb), SkinPhotos.Request(PhotographKind.Clinical)).ToBytes();

        Assert.True(bytes.Length < rgb.Length / 100, $"{bytes.Length} bytes for {rgb.Length} bytes of pixels");
        Assert.Equal(rgb, Assert.IsType<DicomElement>(DicomFile.Read(bytes).Dataset.GetItem(DicomTags.PixelData)).Buffer.GetBytes().ToArray());
    }

    [Fact]
    public void Native_RGB_of_odd_length_is_padded_with_one_zero_byte_to_even_length()
    {
        var rgb = SkinPhotos.Rgb(3, 3);

        var back = DicomFile.Read(SkinPhotographBuilder.Build(PhotoPixels.FromRgb(3, 3, rgb), SkinPhotos.Request(PhotographKind.Clinical)).ToBytes());

        var stored = Assert.IsType<DicomElement>(back.Dataset.GetItem(DicomTags.PixelData)).Buffer.GetBytes().ToArray();
        Assert.Equal(28, stored.Length);
        Assert.Equal(rgb, stored[..27]);
        Assert.Equal(0, stored[27]);
    }

    [Fact]
    public void A_clinical_photo_keeps_the_lesion_body_site_and_equipment_but_has_no_dermoscopic_attributes()
    {
        var ds = DicomFile.Read(SkinPhotographBuilder.Build(PhotoPixels.FromJpeg(SkinPhotos.Jpeg()), SkinPhotos.Request(PhotographKind.Clinical)).ToBytes()).Dataset;

        Assert.Equal(SkinPhotos.Lesion, ds.GetUid(DicomTags.TrackingUID));
        Assert.Equal("Lesion 1, left upper arm", ds.GetString(DicomTags.TrackingID));
        Assert.Equal("2.25.1001", ds.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal("2.25.1002", ds.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("Müller^Anna", ds.GetString(DicomTags.PatientName));
        Assert.Equal("L", ds.GetString(DicomTags.ImageLaterality));
        Assert.Equal("20261122093000", ds.GetString(DicomTags.AcquisitionDateTime));
        Assert.Equal("TeleDerm", ds.GetString(DicomTags.Manufacturer));
        Assert.NotNull(ds.GetItem(DicomTags.AnatomicRegionSequence));
        Assert.False(ds.Contains(DicomTags.ContactMethod));
        Assert.False(ds.Contains(DicomTags.LightSourcePolarization));
        Assert.False(ds.Contains(DicomTags.RecognizableVisualFeatures));
    }

    [Fact]
    public void A_transfer_syntax_passed_explicitly_still_wins()
    {
        var file = DermoscopicImageBuilder.Build(SkinPhotos.Jpeg(), SkinPhotos.Request(PhotographKind.Dermoscopic));

        Assert.Equal(file.ToBytes(), file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit));
        Assert.Throws<InvalidOperationException>(() => file.ToBytes(DicomTransferSyntax.ExplicitVRLittleEndian));
    }
}
