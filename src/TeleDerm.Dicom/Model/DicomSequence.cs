namespace TeleDerm.Dicom;

/// <summary>A sequence of items (VR SQ), each item a dataset, PS3.5 7.5.</summary>
public sealed class DicomSequence(DicomTag tag, IEnumerable<DicomDataset>? items = null) : DicomItem(tag, DicomVR.SQ)
{
    public List<DicomDataset> Items { get; } = items?.ToList() ?? [];
}
