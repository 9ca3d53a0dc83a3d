using System.Globalization;

namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>Wraps a JPEG, bit-exact, as a Dermoscopic Photography Image (PS3.3 A.32.11) in JPEG Baseline
/// transfer syntax: one fragment, empty Basic Offset Table (PS3.5 A.4).</summary>
public static class DermoscopicImageBuilder
{
    public static DicomFile Build(byte[] jpeg, DermoscopicImageRequest request)
    {
        var frame = JpegFrameInfo.Parse(jpeg);
        if (!frame.IsBaseline || frame.Precision != 8)
            throw new ArgumentException($"only 8-bit baseline JPEG (SOF0) fits transfer syntax 1.2.840.10008.1.2.4.50; this one is precision {frame.Precision}, baseline {frame.IsBaseline}", nameof(jpeg));

        var ds = new DicomDataset();
        var at = request.AcquiredAt;
        var date = at.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = at.ToString("HHmmss", CultureInfo.InvariantCulture);

        // SOP Common (C.12.1)
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.SetString(DicomTags.SOPClassUID, DicomUid.DermoscopicPhotographyImageStorage.Value);
        ds.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate().Value);
        ds.SetString(DicomTags.InstanceCreationDate, DateTimeOffset.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.InstanceCreationTime, DateTimeOffset.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture));

        // Patient (C.7.1.1)
        ds.SetString(DicomTags.PatientName, request.PatientName);
        ds.SetString(DicomTags.PatientID, request.PatientId);
        ds.SetString(DicomTags.PatientBirthDate, request.PatientBirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "");
        ds.SetString(DicomTags.PatientSex, request.PatientSex);

        // General Study (C.7.2.1)
        ds.SetString(DicomTags.StudyInstanceUID, (request.StudyInstanceUid ?? DicomUid.Generate()).Value);
        ds.SetString(DicomTags.StudyDate, date);
        ds.SetString(DicomTags.StudyTime, time);
        ds.SetString(DicomTags.ReferringPhysicianName, "");
        ds.SetString(DicomTags.StudyID, request.StudyId);
        ds.SetString(DicomTags.AccessionNumber, request.AccessionNumber);

        // General Series (C.7.3.1) with the Modality of this IOD
        ds.SetString(DicomTags.Modality, "DMS");
        ds.SetString(DicomTags.SeriesInstanceUID, (request.SeriesInstanceUid ?? DicomUid.Generate()).Value);
        ds.SetString(DicomTags.SeriesNumber, request.SeriesNumber.ToString(CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.SeriesDate, date);
        ds.SetString(DicomTags.SeriesTime, time);

        // Frame of Reference (C.7.4.1): optional in the IOD, but dciodvfy (dicom3tools 2022) requires it for DMS;
        // a fresh UID per image claims no spatial relation to other images.
        ds.SetString(DicomTags.FrameOfReferenceUID, DicomUid.Generate().Value);
        ds.SetString(DicomTags.PositionReferenceIndicator, "");

        // General Equipment (C.7.5.1) and Enhanced General Equipment (C.7.5.2)
        ds.SetString(DicomTags.Manufacturer, request.Manufacturer);
        ds.SetString(DicomTags.ManufacturerModelName, request.ManufacturerModelName);
        ds.SetString(DicomTags.DeviceSerialNumber, request.DeviceSerialNumber);
        ds.SetString(DicomTags.SoftwareVersions, request.SoftwareVersions);

        // General Acquisition (C.7.10.1)
        ds.SetString(DicomTags.AcquisitionDateTime, at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));

        // General Image (C.7.6.1) and VL Image (C.8.12.1)
        ds.SetString(DicomTags.InstanceNumber, request.InstanceNumber.ToString(CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.PatientOrientation, "");
        ds.SetString(DicomTags.ContentDate, date);
        ds.SetString(DicomTags.ContentTime, time);
        ds.SetString(DicomTags.ImageType, "ORIGINAL", "PRIMARY");
        ds.SetString(DicomTags.ImageLaterality, request.ImageLaterality);
        ds.SetString(DicomTags.LossyImageCompression, "01");
        ds.SetString(DicomTags.LossyImageCompressionMethod, "ISO_10918_1");
        var region = new DicomDataset()
            .SetString(DicomTags.CodeValue, request.AnatomicRegion.Value)
            .SetString(DicomTags.CodingSchemeDesignator, request.AnatomicRegion.SchemeDesignator)
            .SetString(DicomTags.CodeMeaning, request.AnatomicRegion.Meaning);
        ds.SetSequence(DicomTags.AnatomicRegionSequence, region);

        // Acquisition Context (C.7.6.14): Type 2, empty
        ds.SetSequence(DicomTags.AcquisitionContextSequence);

        // Dermoscopic Image (C.8.12.13)
        ds.SetString(DicomTags.RecognizableVisualFeatures, "NO");
        ds.SetString(DicomTags.LightSourcePolarization, request.LightSourcePolarization);
        ds.SetString(DicomTags.EmitterColorTemperature, request.EmitterColorTemperature?.ToString(CultureInfo.InvariantCulture) ?? "");
        ds.SetString(DicomTags.ContactMethod, request.ContactMethod);
        if (request.ContactMethod == "CONTACT")
            ds.SetString(DicomTags.ImmersionMedia, request.ImmersionMedia);
        ds.SetString(DicomTags.OpticalMagnificationFactor, request.OpticalMagnificationFactor?.ToString("0.##", CultureInfo.InvariantCulture) ?? "");
        ds.SetString(DicomTags.TrackingID, request.LesionTrackingId);
        ds.SetString(DicomTags.TrackingUID, request.LesionTrackingUid.Value);

        // Image Pixel (C.7.6.3): the JPEG's own geometry and colour model
        ds.SetUInt16(DicomTags.SamplesPerPixel, (ushort)frame.Components);
        ds.SetString(DicomTags.PhotometricInterpretation, frame.PhotometricInterpretation);
        if (frame.Components > 1)
            ds.SetUInt16(DicomTags.PlanarConfiguration, 0);
        ds.SetUInt16(DicomTags.Rows, (ushort)frame.Height);
        ds.SetUInt16(DicomTags.Columns, (ushort)frame.Width);
        ds.SetUInt16(DicomTags.BitsAllocated, 8);
        ds.SetUInt16(DicomTags.BitsStored, 8);
        ds.SetUInt16(DicomTags.HighBit, 7);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);
        DicomPixelData.SetEncapsulatedFrames(ds, [jpeg]);

        return new DicomFile(new DicomDataset(), ds);
    }
}
