namespace TeleDerm.Dicom.IO;

/// <summary>Receives what the streaming reader finds, in file order (fo-dicom's observer design).
/// Building a dataset is one observer; validation or indexing can be others.</summary>
public interface IDicomReaderObserver
{
    void OnElement(DicomTag tag, DicomVR vr, long offset, IDicomBuffer value);

    void OnBeginSequence(DicomTag tag, DicomVR vr, long offset, bool undefinedLength);

    void OnBeginItem(long offset, bool undefinedLength);

    void OnEndItem();

    void OnEndSequence();

    /// <summary>Encapsulated pixel data, PS3.5 A.4: a sequence of fragments, the first being the Basic Offset Table.</summary>
    void OnBeginFragments(DicomTag tag, DicomVR vr, long offset);

    void OnFragment(long offset, IDicomBuffer value);

    void OnEndFragments();
}
