namespace TeleDerm.Dicom.IO;

/// <summary>The observer that builds datasets: File Meta Information (group 0002 at top level) and the dataset.</summary>
public sealed class DicomDatasetBuilder : IDicomReaderObserver
{
    private readonly Stack<DicomDataset> _datasets = new();
    private readonly Stack<DicomSequence> _sequences = new();
    private DicomFragmentSequence? _fragments;
    private bool _expectOffsetTable;

    public DicomDatasetBuilder() => _datasets.Push(Dataset);

    public DicomDataset FileMetaInformation { get; } = new();

    public DicomDataset Dataset { get; } = new();

    private DicomDataset Target(DicomTag tag) =>
        _datasets.Count == 1 && tag.Group == 0x0002 ? FileMetaInformation : _datasets.Peek();

    public void OnElement(DicomTag tag, DicomVR vr, long offset, IDicomBuffer value) =>
        Target(tag).Add(new DicomElement(tag, vr, value, offset));

    public void OnBeginSequence(DicomTag tag, DicomVR vr, long offset, bool undefinedLength)
    {
        var sequence = new DicomSequence(tag);
        Target(tag).Add(sequence);
        _sequences.Push(sequence);
    }

    public void OnBeginItem(long offset, bool undefinedLength)
    {
        var item = new DicomDataset { Parent = _datasets.Peek() };
        _sequences.Peek().Items.Add(item);
        _datasets.Push(item);
    }

    public void OnEndItem() => _datasets.Pop();

    public void OnEndSequence() => _sequences.Pop();

    public void OnBeginFragments(DicomTag tag, DicomVR vr, long offset)
    {
        _fragments = new DicomFragmentSequence(tag, vr);
        _expectOffsetTable = true;
        Target(tag).Add(_fragments);
    }

    public void OnFragment(long offset, IDicomBuffer value)
    {
        if (_fragments is null)
            return;
        if (_expectOffsetTable)
        {
            _fragments.BasicOffsetTableBuffer = value;
            _expectOffsetTable = false;
        }
        else
        {
            _fragments.Fragments.Add(value);
        }
    }

    public void OnEndFragments() => _fragments = null;
}
