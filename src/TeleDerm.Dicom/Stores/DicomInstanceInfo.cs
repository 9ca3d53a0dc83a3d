using System.Globalization;
using TeleDerm.Dicom.IO;

namespace TeleDerm.Dicom.Stores;

/// <summary>The three UIDs that address an instance in every store (and in WADO-RS paths).</summary>
public sealed record DicomInstanceKey(string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid);

/// <summary>What a query returns about one instance.</summary>
/// <param name="Size">Bytes of the Part 10 file; null where the store does not say (QIDO-RS has no size).</param>
public sealed record DicomInstanceInfo(
    DicomInstanceKey Key,
    string SopClassUid,
    string PatientId,
    string? TrackingUid,
    DateTime? AcquisitionDateTime,
    long? Size)
{
    /// <summary>Reads the identifiers from an instance's header (pixel data is not read).</summary>
    public static DicomInstanceInfo FromInstance(ReadOnlyMemory<byte> instance)
    {
        var dataset = DicomFile.Read(instance, new DicomReaderOptions { HeaderOnly = true }).Dataset;
        return FromDataset(dataset, instance.Length);
    }

    /// <summary>Identifiers of a dataset; raises <see cref="DicomStoreRejectedException"/> when a UID that
    /// addresses the instance is missing or not a valid UID (it would also become part of a path or URL).</summary>
    public static DicomInstanceInfo FromDataset(DicomDataset dataset, long? size)
    {
        var key = new DicomInstanceKey(
            RequiredUid(dataset, DicomTags.StudyInstanceUID, "Study Instance UID"),
            RequiredUid(dataset, DicomTags.SeriesInstanceUID, "Series Instance UID"),
            RequiredUid(dataset, DicomTags.SOPInstanceUID, "SOP Instance UID"));
        var trackingUid = dataset.GetString(DicomTags.TrackingUID);
        return new DicomInstanceInfo(
            key,
            RequiredUid(dataset, DicomTags.SOPClassUID, "SOP Class UID"),
            dataset.GetString(DicomTags.PatientID) ?? "",
            string.IsNullOrEmpty(trackingUid) ? null : trackingUid,
            ParseDateTime(dataset.GetString(DicomTags.AcquisitionDateTime)),
            size);
    }

    private static string RequiredUid(DicomDataset dataset, DicomTag tag, string name)
    {
        var value = dataset.GetString(tag);
        if (string.IsNullOrEmpty(value))
            throw new DicomStoreRejectedException($"{name} {tag} is missing");
        if (!new DicomUid(value).IsValid)
            throw new DicomStoreRejectedException($"{name} {tag} '{value}' is not a valid UID (PS3.5 9.1)");
        return value;
    }

    /// <summary>DT, PS3.5 6.2: YYYYMMDDHHMMSS.FFFFFF&amp;ZZXX, any trailing part may be left out; the offset is ignored.</summary>
    internal static DateTime? ParseDateTime(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        var text = value.Split('+', '-')[0];
        string[] formats = ["yyyyMMddHHmmss.FFFFFF", "yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyyMMddHH", "yyyyMMdd", "yyyyMM", "yyyy"];
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified)
            : null;
    }
}

/// <summary>Which instances to find; every criterion given must match. At least one must be given.</summary>
public sealed record DicomInstanceQuery
{
    public string? PatientId { get; init; }
    public string? StudyInstanceUid { get; init; }

    /// <summary>Lesion Tracking UID (0062,0021).</summary>
    public string? TrackingUid { get; init; }

    public bool IsEmpty => PatientId is null && StudyInstanceUid is null && TrackingUid is null;
}
