using System.Buffers.Binary;
using TeleDerm.Dicom.IO;

namespace TeleDerm.Dicom;

/// <summary>Encapsulated pixel data, PS3.5 A.4: Basic Offset Table item then one or more fragments.</summary>
public sealed class DicomFragmentSequence(DicomTag tag, DicomVR vr) : DicomItem(tag, vr)
{
    /// <summary>The first item's bytes (empty when there is no Basic Offset Table).</summary>
    public IDicomBuffer BasicOffsetTableBuffer { get; set; } = MemoryDicomBuffer.Empty;

    public List<IDicomBuffer> Fragments { get; } = [];

    /// <summary>Offsets of each frame's first fragment, relative to the first fragment's item tag, PS3.5 A.4.1.</summary>
    public IReadOnlyList<uint> BasicOffsetTable
    {
        get
        {
            var bytes = BasicOffsetTableBuffer.GetBytes().Span;
            var result = new uint[bytes.Length / 4];
            for (var i = 0; i < result.Length; i++)
                result[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
            return result;
        }
    }
}
