using System.Buffers.Binary;
using TeleDerm.Dicom.IO;

namespace TeleDerm.Dicom;

/// <summary>Frames of encapsulated pixel data, PS3.5 A.4: found by the Extended Offset Table (7FE0,0001/0002),
/// else the Basic Offset Table, else one fragment per frame (or all fragments for a single frame).</summary>
public static class DicomPixelData
{
    public static int FrameCount(DicomDataset dataset) =>
        int.TryParse(dataset.GetStrings(DicomTags.NumberOfFrames).FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    /// <summary>The compressed bytes of one frame (fragments concatenated).</summary>
    public static byte[] GetEncapsulatedFrame(DicomDataset dataset, int frame)
    {
        if (dataset.GetItem(DicomTags.PixelData) is not DicomFragmentSequence fragments)
            throw new InvalidOperationException("Pixel Data is not encapsulated");
        var frames = FrameCount(dataset);
        if (frame < 0 || frame >= frames)
            throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame} of {frames}");

        // Offsets count from the first fragment's item tag; each item adds 8 header bytes, PS3.5 A.4.1.
        var positions = new List<ulong>();
        ulong position = 0;
        foreach (var fragment in fragments.Fragments)
        {
            positions.Add(position);
            position += 8 + (ulong)fragment.Length;
        }

        var (start, end, exactLength) = FrameExtent(dataset, fragments, frames, frame, position);
        if (start is null)
        {
            // No offset table: one fragment per frame, or every fragment for a single frame.
            if (frames == 1)
                return Concatenate(fragments.Fragments);
            if (fragments.Fragments.Count == frames)
                return fragments.Fragments[frame].GetBytes().ToArray();
            throw new DicomFormatException(0, $"{fragments.Fragments.Count} fragments for {frames} frames and no offset table: cannot tell the frames apart");
        }

        var first = positions.IndexOf(start.Value);
        if (first < 0)
            throw new DicomFormatException(0, $"offset table points at {start} which is not the start of a fragment");
        var selected = new List<IDicomBuffer>();
        for (var i = first; i < positions.Count && positions[i] < end; i++)
            selected.Add(fragments.Fragments[i]);
        var bytes = Concatenate(selected);
        return exactLength is { } n && n < (ulong)bytes.Length ? bytes[..(int)n] : bytes;
    }

    private static (ulong? Start, ulong End, ulong? ExactLength) FrameExtent(DicomDataset dataset, DicomFragmentSequence fragments, int frames, int frame, ulong total)
    {
        if (dataset.GetItem(DicomTags.ExtendedOffsetTable) is DicomElement eot && eot.Length >= (frame + 1) * 8L)
        {
            var offsets = eot.Buffer.GetBytes().Span;
            var start = BinaryPrimitives.ReadUInt64LittleEndian(offsets[(frame * 8)..]);
            var end = frame + 1 < frames && eot.Length >= (frame + 2) * 8L ? BinaryPrimitives.ReadUInt64LittleEndian(offsets[((frame + 1) * 8)..]) : total;
            ulong? exact = dataset.GetItem(DicomTags.ExtendedOffsetTableLengths) is DicomElement lengths && lengths.Length >= (frame + 1) * 8L
                ? BinaryPrimitives.ReadUInt64LittleEndian(lengths.Buffer.GetBytes().Span[(frame * 8)..])
                : null;
            return (start, end, exact);
        }

        var bot = fragments.BasicOffsetTable;
        if (bot.Count == frames)
            return (bot[frame], frame + 1 < frames ? bot[frame + 1] : total, null);
        return (null, 0, null);
    }

    private static byte[] Concatenate(IEnumerable<IDicomBuffer> buffers)
    {
        using var stream = new MemoryStream();
        foreach (var buffer in buffers)
            stream.Write(buffer.GetBytes().Span);
        return stream.ToArray();
    }

    /// <summary>Sets Pixel Data to encapsulated frames: an empty Basic Offset Table and one fragment per frame, PS3.5 A.4.</summary>
    public static void SetEncapsulatedFrames(DicomDataset dataset, IEnumerable<byte[]> frames)
    {
        var fragments = new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB);
        foreach (var frame in frames)
            fragments.Fragments.Add(new MemoryDicomBuffer(frame));
        dataset.Add(fragments);
    }
}
