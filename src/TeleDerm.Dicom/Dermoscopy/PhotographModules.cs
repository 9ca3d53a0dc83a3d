using System.Globalization;

namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>The modules a skin photo's IOD needs, filled from a <see cref="DermoscopicImageRequest"/>.</summary>
internal static class PhotographModules
{
    /// <summary>Modules shared by VL Photographic (PS3.3 A.32.4) and Dermoscopic Photography (A.32.11) images,
    /// except Image Pixel, which <see cref="PhotoPixels"/> adds.</summary>
    public static void AddCommon(DicomDataset ds, DermoscopicImageRequest request, DicomUid sopClass, string modality)
    {
        var at = request.AcquiredAt;
        var date = at.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = at.ToString("HHmmss", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;

        // SOP Common (C.12.1)
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.SetString(DicomTags.SOPClassUID, sopClass.Value);
        ds.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate().Value);
        ds.SetString(DicomTags.InstanceCreationDate, now.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.InstanceCreationTime, now.ToString("HHmmss", CultureInfo.InvariantCulture));

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

        // General Series (C.7.3.1) with the Modality of the IOD
        ds.SetString(DicomTags.Modality, modality);
        ds.SetString(DicomTags.SeriesInstanceUID, (request.SeriesInstanceUid ?? DicomUid.Generate()).Value);
        ds.SetString(DicomTags.SeriesNumber, request.SeriesNumber.ToString(CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.SeriesDate, date);
        ds.SetString(DicomTags.SeriesTime, time);

        // General Equipment (C.7.5.1); for DMS also Enhanced General Equipment (C.7.5.2), all Type 1 there
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
        var region = new DicomDataset()
            .SetString(DicomTags.CodeValue, request.AnatomicRegion.Value)
            .SetString(DicomTags.CodingSchemeDesignator, request.AnatomicRegion.SchemeDesignator)
            .SetString(DicomTags.CodeMeaning, request.AnatomicRegion.Meaning);
        ds.SetSequence(DicomTags.AnatomicRegionSequence, region);

        // Acquisition Context (C.7.6.14): Type 2, empty
        ds.SetSequence(DicomTags.AcquisitionContextSequence);
    }

    /// <summary>Frame of Reference (C.7.4.1): optional in the IOD, but dciodvfy (dicom3tools 2022) requires it for DMS;
    /// a fresh UID per image claims no spatial relation to other images.</summary>
    public static void AddFrameOfReference(DicomDataset ds)
    {
        ds.SetString(DicomTags.FrameOfReferenceUID, DicomUid.Generate().Value);
        ds.SetString(DicomTags.PositionReferenceIndicator, "");
    }

    /// <summary>Dermoscopic Image (C.8.12.13).</summary>
    public static void AddDermoscopicImage(DicomDataset ds, DermoscopicImageRequest request)
    {
        ds.SetString(DicomTags.RecognizableVisualFeatures, "NO");
        ds.SetString(DicomTags.LightSourcePolarization, request.LightSourcePolarization);
        ds.SetString(DicomTags.EmitterColorTemperature, request.EmitterColorTemperature?.ToString(CultureInfo.InvariantCulture) ?? "");
        ds.SetString(DicomTags.ContactMethod, request.ContactMethod);
        // Immersion Media is Type 2C: present when Contact Method is CONTACT (C.8.12.13).
        if (request.ContactMethod == "CONTACT")
            ds.SetString(DicomTags.ImmersionMedia, request.ImmersionMedia);
        ds.SetString(DicomTags.OpticalMagnificationFactor, request.OpticalMagnificationFactor?.ToString("0.##", CultureInfo.InvariantCulture) ?? "");
        AddLesionTracking(ds, request);
    }

    /// <summary>Tracking ID (0062,0020) and Tracking UID (0062,0021): the lesion across visits.</summary>
    public static void AddLesionTracking(DicomDataset ds, DermoscopicImageRequest request)
    {
        ds.SetString(DicomTags.TrackingID, request.LesionTrackingId);
        ds.SetString(DicomTags.TrackingUID, request.LesionTrackingUid.Value);
    }
}
