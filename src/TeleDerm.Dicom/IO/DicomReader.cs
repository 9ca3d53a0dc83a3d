using System.IO.Compression;
using System.Text;

namespace TeleDerm.Dicom.IO;

/// <summary>Reads DICOM Part 10 files (PS3.10 7.1) and bare datasets, reporting elements to an observer.</summary>
public static class DicomReader
{
    private const int PreambleLength = 128;

    public static DicomReadResult Read(ReadOnlyMemory<byte> bytes, IDicomReaderObserver observer, DicomReaderOptions? options = null)
    {
        using var stream = AsStream(bytes);
        return Read(stream, observer, options ?? DicomReaderOptions.Default, DicomByteSource.FromBytes(bytes));
    }

    /// <summary>Reads a stream. A seekable stream is read in place (lazy values are read from it later, so keep it open);
    /// any other is first copied to memory, up to <see cref="DicomReaderOptions.MaxInputBytes"/>.</summary>
    public static DicomReadResult Read(Stream stream, IDicomReaderObserver observer, DicomReaderOptions? options = null, DicomByteSource? lazySource = null)
    {
        options ??= DicomReaderOptions.Default;
        if (!stream.CanSeek)
        {
            var copy = CopyBounded(stream, options.MaxInputBytes, "input");
            return Read(copy, observer, options);
        }

        try
        {
            return ReadSeekable(stream, observer, options, lazySource ?? DicomByteSource.FromStream(stream));
        }
        catch (EndOfStreamException e)
        {
            throw new DicomFormatException(SafePosition(stream), "unexpected end of data", e);
        }
        catch (IOException e)
        {
            throw new DicomFormatException(SafePosition(stream), "I/O error while reading: " + e.Message, e);
        }
    }

    public static DicomReadResult ReadFile(string path, IDicomReaderObserver observer, DicomReaderOptions? options = null)
    {
        options ??= DicomReaderOptions.Default;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DicomFormatException(0, $"cannot open '{path}': {e.Message}", e);
        }

        using (stream)
            return Read(stream, observer, options, DicomByteSource.FromFile(path));
    }

    private static long SafePosition(Stream stream)
    {
        try
        {
            return stream.Position;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    private static DicomReadResult ReadSeekable(Stream stream, IDicomReaderObserver observer, DicomReaderOptions options, DicomByteSource lazySource)
    {
        var warnings = new List<string>();
        var length = stream.Length;
        var head = new byte[Math.Min(PreambleLength + 4 + 8, length)];
        stream.Position = 0;
        stream.ReadExactly(head);

        var hasPreamble = head.Length >= PreambleLength + 4 && head.AsSpan(PreambleLength, 4).SequenceEqual("DICM"u8);
        long start = hasPreamble ? PreambleLength + 4 : 0;
        var hasMeta = false;
        var parser = new DicomStreamParser(stream, observer, options, lazySource);
        DicomTransferSyntax? syntax = null;

        if (StartsWithGroup2(head, start))
        {
            hasMeta = true;
            if (!hasPreamble)
                warnings.Add("File Meta Information without the 128-byte preamble and DICM prefix");
            stream.Position = start;
            var metaExplicit = head.Length >= start + 6 && DicomVR.IsValidCode(head[start + 4], head[start + 5]);
            if (!metaExplicit)
                warnings.Add("File Meta Information encoded in implicit VR (PS3.10 7.1 requires explicit VR little endian)");
            var tracker = new TransferSyntaxTracker(observer);
            new DicomStreamParser(stream, tracker, options, lazySource).ParseFileMetaInformation(metaExplicit);
            if (string.IsNullOrEmpty(tracker.TransferSyntaxUid))
                throw new DicomFormatException(stream.Position, "File Meta Information has no Transfer Syntax UID (0002,0010)");
            syntax = DicomTransferSyntax.FromUid(tracker.TransferSyntaxUid);
        }
        else if (hasPreamble)
        {
            throw new DicomFormatException(start, "DICM prefix is not followed by File Meta Information (group 0002)");
        }
        else
        {
            var (skip, detected) = DetectBareDataset(stream)
                ?? throw new DicomFormatException(0, "not DICOM: no DICM prefix at byte 128 and no recognizable data element at the start");
            if (skip > 0)
                warnings.Add($"skipped {skip} stray byte(s) before the dataset");
            warnings.Add("no File Meta Information: transfer syntax detected as " + detected.Uid);
            syntax = detected;
            stream.Position = skip;
        }

        if (syntax.IsDeflated)
        {
            var inflated = Inflate(stream, options.MaxInflatedBytes);
            var inflatedBytes = new ReadOnlyMemory<byte>(inflated.GetBuffer(), 0, (int)inflated.Length);
            var inner = new DicomStreamParser(inflated, observer, options, DicomByteSource.FromBytes(inflatedBytes));
            inner.ParseDataset(explicitVR: true, bigEndian: false);
            return new DicomReadResult(syntax, hasPreamble, hasMeta, inner.StoppedAtPixelData, warnings);
        }

        var explicitVR = syntax.IsExplicitVR;
        if (hasMeta && explicitVR && LooksImplicit(stream))
        {
            warnings.Add($"transfer syntax {syntax.Uid} says explicit VR but the dataset is implicit VR; read as implicit");
            explicitVR = false;
        }

        parser.ParseDataset(explicitVR, syntax.IsBigEndian);
        return new DicomReadResult(syntax, hasPreamble, hasMeta, parser.StoppedAtPixelData, warnings);
    }

    private static bool StartsWithGroup2(byte[] head, long start) =>
        head.Length >= start + 8 && head[start] == 0x02 && head[start + 1] == 0x00;

    private static bool LooksImplicit(Stream stream)
    {
        var position = stream.Position;
        Span<byte> probe = stackalloc byte[6];
        if (stream.Length - position < 6)
            return false;
        stream.ReadExactly(probe);
        stream.Position = position;
        return !DicomVR.IsValidCode(probe[4], probe[5]);
    }

    // A dataset without meta information: look for a plausible first element (PS3.5 7.1) at the start,
    // tolerating up to 3 stray leading bytes.
    private static (int Skip, DicomTransferSyntax Syntax)? DetectBareDataset(Stream stream)
    {
        Span<byte> probe = stackalloc byte[8];
        for (var skip = 0; skip < 4; skip++)
        {
            if (stream.Length - skip < 8)
                return null;
            stream.Position = skip;
            stream.ReadExactly(probe);
            var groupLE = (ushort)(probe[0] | (probe[1] << 8));
            var groupBE = (ushort)((probe[0] << 8) | probe[1]);
            var hasVR = DicomVR.IsValidCode(probe[4], probe[5]) && DicomVR.FromBytes(probe[4], probe[5]).IsKnown;
            if (hasVR && groupLE is > 0 and <= 0x0100)
                return (skip, DicomTransferSyntax.ExplicitVRLittleEndian);
            if (hasVR && groupBE is > 0 and <= 0x0100)
                return (skip, DicomTransferSyntax.ExplicitVRBigEndian);
            var implicitLength = (uint)(probe[4] | (probe[5] << 8) | (probe[6] << 16) | (probe[7] << 24));
            if (groupLE is > 0 and <= 0x0100 && (groupLE & 1) == 0 && implicitLength <= stream.Length - skip - 8)
                return (skip, DicomTransferSyntax.ImplicitVRLittleEndian);
        }

        return null;
    }

    // Deflated Explicit VR Little Endian: the dataset after the meta information is raw deflate (RFC 1951), PS3.5 A.5.
    private static MemoryStream Inflate(Stream stream, long maxBytes)
    {
        var start = stream.Position;
        try
        {
            using var deflate = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
            return CopyBounded(deflate, maxBytes, "inflated dataset");
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException(start, "deflated dataset is not valid deflate data: " + e.Message, e);
        }
    }

    private static MemoryStream CopyBounded(Stream source, long maxBytes, string what)
    {
        var result = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (result.Length + read > maxBytes)
                throw new DicomFormatException(result.Length, $"{what} exceeds the limit of {maxBytes} bytes");
            result.Write(buffer, 0, read);
        }

        result.Position = 0;
        return result;
    }

    // Passes group 0002 through and remembers the Transfer Syntax UID.
    private sealed class TransferSyntaxTracker(IDicomReaderObserver inner) : IDicomReaderObserver
    {
        public string? TransferSyntaxUid { get; private set; }

        public void OnElement(DicomTag tag, DicomVR vr, long offset, IDicomBuffer value)
        {
            if (tag == new DicomTag(0x0002, 0x0010))
                TransferSyntaxUid = Encoding.ASCII.GetString(value.GetBytes().Span).TrimEnd('\0', ' ');
            inner.OnElement(tag, vr, offset, value);
        }

        public void OnBeginSequence(DicomTag tag, DicomVR vr, long offset, bool undefinedLength) => inner.OnBeginSequence(tag, vr, offset, undefinedLength);
        public void OnBeginItem(long offset, bool undefinedLength) => inner.OnBeginItem(offset, undefinedLength);
        public void OnEndItem() => inner.OnEndItem();
        public void OnEndSequence() => inner.OnEndSequence();
        public void OnBeginFragments(DicomTag tag, DicomVR vr, long offset) => inner.OnBeginFragments(tag, vr, offset);
        public void OnFragment(long offset, IDicomBuffer value) => inner.OnFragment(offset, value);
        public void OnEndFragments() => inner.OnEndFragments();
    }
}
