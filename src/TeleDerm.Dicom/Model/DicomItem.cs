namespace TeleDerm.Dicom;

/// <summary>One attribute of a dataset: a value element, a sequence, or encapsulated pixel data.</summary>
public abstract class DicomItem(DicomTag tag, DicomVR vr)
{
    public DicomTag Tag { get; } = tag;
    public DicomVR VR { get; } = vr;

    public override string ToString() => $"{Tag} {VR}";
}
