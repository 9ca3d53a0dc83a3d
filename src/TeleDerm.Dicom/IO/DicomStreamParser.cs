using System.Buffers.Binary;

namespace TeleDerm.Dicom.IO;

/// <summary>Parses a dataset (PS3.5 7) from a seekable stream and reports each element to an observer.
/// Every length is checked against the bytes that remain before anything is allocated.</summary>
internal sealed class DicomStreamParser
{
    private static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

    // Pixel Data, Float Pixel Data and Double Float Pixel Data, PS3.3 C.7.6.3.
    private static bool IsPixelData(DicomTag tag) =>
        tag.Group == 0x7FE0 && tag.Element is 0x0010 or 0x0008 or 0x0009;
    private static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    private int _pixelRepresentation;

    private readonly Stream _stream;
    private readonly long _length;
    private readonly IDicomReaderObserver _observer;
    private readonly DicomReaderOptions _options;
    private readonly DicomByteSource _lazySource;
    private readonly byte[] _header = new byte[8];
    private bool _stopped;

    public DicomStreamParser(Stream stream, IDicomReaderObserver observer, DicomReaderOptions options, DicomByteSource lazySource)
    {
        _stream = stream;
        _length = stream.Length;
        _observer = observer;
        _options = options;
        _lazySource = lazySource;
    }

    /// <summary>True when header-only reading stopped at Pixel Data.</summary>
    public bool StoppedAtPixelData => _stopped;

    private bool _metaOnly;

    public void ParseDataset(bool explicitVR, bool bigEndian) =>
        ParseElements(new Encoding(explicitVR, bigEndian), _length, undefinedLength: false, depth: 0);

    /// <summary>Group 0002 elements from the current position; stops before the first element of another group.</summary>
    public void ParseFileMetaInformation(bool explicitVR)
    {
        _metaOnly = true;
        try
        {
            ParseElements(new Encoding(explicitVR, false), _length, undefinedLength: false, depth: 0);
        }
        finally
        {
            _metaOnly = false;
        }
    }

    private readonly record struct Encoding(bool ExplicitVR, bool BigEndian)
    {
        public int SwapUnit(DicomVR vr) => BigEndian ? vr.ByteSwapUnit : 0;
    }

    private DicomFormatException Fail(long offset, string reason) => new(offset, reason);

    private void ReadHeader(int count, long limit, string what)
    {
        var pos = _stream.Position;
        if (limit - pos < count)
            throw Fail(pos, $"truncated: {Math.Max(0, limit - pos)} bytes left where {what} ({count} bytes) was expected");
        _stream.ReadExactly(_header, 0, count);
    }

    private DicomTag ReadTag(Encoding enc) => new(
        ByteSwapper.ReadUInt16(_header.AsSpan(0, 2), enc.BigEndian),
        ByteSwapper.ReadUInt16(_header.AsSpan(2, 2), enc.BigEndian));

    // Elements of a dataset or item, until end (defined length) or an Item Delimitation Item (undefined length).
    private void ParseElements(Encoding enc, long end, bool undefinedLength, int depth)
    {
        while (!_stopped)
        {
            var offset = _stream.Position;
            if (!undefinedLength && offset >= end)
                return;
            if (undefinedLength && offset >= end)
                throw Fail(offset, "item of undefined length never closes: no Item Delimitation Item before the end of the data");

            ReadHeader(4, end, "a data element tag");
            var tag = ReadTag(enc);
            if (_metaOnly && tag.Group != 0x0002)
            {
                _stream.Position = offset;
                return;
            }

            if (tag.Group == 0xFFFE)
            {
                ReadHeader(4, end, "the length of a delimitation item");
                if (tag == DicomTag.ItemDelimitationItem && undefinedLength)
                    return;
                throw Fail(offset, $"unexpected {tag} where a data element was expected"
                    + (tag == DicomTag.SequenceDelimitationItem && undefinedLength ? " (item closed by a Sequence Delimitation Item)" : ""));
            }

            DicomVR vr;
            uint length;
            if (enc.ExplicitVR)
            {
                ReadHeader(4, end, "the VR and length of " + tag);
                if (!DicomVR.IsValidCode(_header[0], _header[1]))
                    throw Fail(offset + 4, $"invalid VR bytes {_header[0]:X2} {_header[1]:X2} in {tag}");
                vr = DicomVR.FromBytes(_header[0], _header[1]);
                if (!vr.IsKnown)
                    throw Fail(offset + 4, $"unknown VR '{vr.Code}' in {tag}");
                if (vr.HasLongLength)
                {
                    // 2 reserved bytes then a 32-bit length, PS3.5 7.1.2.
                    ReadHeader(4, end, "the 32-bit length of " + tag);
                    length = ByteSwapper.ReadUInt32(_header.AsSpan(0, 4), enc.BigEndian);
                }
                else
                {
                    length = ByteSwapper.ReadUInt16(_header.AsSpan(2, 2), enc.BigEndian);
                }
            }
            else
            {
                ReadHeader(4, end, "the length of " + tag);
                length = ByteSwapper.ReadUInt32(_header.AsSpan(0, 4), enc.BigEndian);
                vr = Dictionary.DicomDictionary.ImplicitVR(tag);
                // "US or SS" follows Pixel Representation (0028,0103): 1 means signed, PS3.5 A.1 and PS3.3 C.7.6.3.1.
                if (vr == DicomVR.US && _pixelRepresentation == 1
                    && Dictionary.DicomDictionary.Find(tag)?.ValueRepresentations.Contains(DicomVR.SS) == true)
                    vr = DicomVR.SS;
            }

            if (depth == 0 && IsPixelData(tag) && _options.HeaderOnly)
            {
                _stopped = true;
                return;
            }

            ParseValue(enc, tag, vr, length, offset, end, depth);
        }
    }

    private void ParseValue(Encoding enc, DicomTag tag, DicomVR vr, uint length, long offset, long end, int depth)
    {
        var valueOffset = _stream.Position;
        if (length == 0xFFFFFFFF)
        {
            if (vr == DicomVR.SQ)
            {
                ParseSequence(enc, tag, vr, offset, undefinedLength: true, end, depth);
            }
            else if (vr == DicomVR.UN)
            {
                // UN of undefined length holds a sequence in implicit VR little endian, PS3.5 6.2.2 (CP-246).
                ParseSequence(new Encoding(false, false), tag, DicomVR.SQ, offset, undefinedLength: true, end, depth);
            }
            else if (tag == PixelData && (vr == DicomVR.OB || vr == DicomVR.OW))
            {
                ParseFragments(enc, tag, vr, offset, end, depth);
            }
            else if (!enc.ExplicitVR)
            {
                // Implicit VR: an undefined length can only be a sequence, whatever the dictionary says.
                ParseSequence(enc, tag, DicomVR.SQ, offset, undefinedLength: true, end, depth);
            }
            else
            {
                throw Fail(offset, $"undefined length is not allowed for VR {vr.Code} in {tag}");
            }

            return;
        }

        if (length > end - valueOffset)
            throw Fail(offset, $"value length {length} of {tag} exceeds the {end - valueOffset} bytes that remain");

        if (vr == DicomVR.SQ)
        {
            ParseSequence(enc, tag, vr, offset, undefinedLength: false, valueOffset + length, depth);
            return;
        }

        if (length > Array.MaxLength)
            throw Fail(offset, $"value length {length} of {tag} is larger than one value can be held in memory");
        var size = (int)length;
        if (depth == 0 && IsPixelData(tag) && _options.LazyPixelData)
        {
            _stream.Seek(size, SeekOrigin.Current);
            _observer.OnElement(tag, vr, offset, new LazyDicomBuffer(_lazySource, valueOffset, size, enc.SwapUnit(vr)));
            return;
        }

        var bytes = new byte[size];
        _stream.ReadExactly(bytes);
        ByteSwapper.SwapInPlace(bytes, enc.SwapUnit(vr));
        if (tag == PixelRepresentation && vr == DicomVR.US && size >= 2)
            _pixelRepresentation = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        _observer.OnElement(tag, vr, offset, new MemoryDicomBuffer(bytes));
    }

    // Items of a sequence, PS3.5 7.5; limit is the sequence's end (defined length) or the enclosing limit.
    private void ParseSequence(Encoding enc, DicomTag tag, DicomVR vr, long offset, bool undefinedLength, long limit, int depth)
    {
        if (depth >= _options.MaxSequenceDepth)
            throw Fail(offset, $"sequences nested deeper than {_options.MaxSequenceDepth} levels at {tag}");
        _observer.OnBeginSequence(tag, vr, offset, undefinedLength);
        while (true)
        {
            var itemOffset = _stream.Position;
            if (!undefinedLength && itemOffset >= limit)
                break;
            if (undefinedLength && itemOffset >= limit)
                throw Fail(itemOffset, $"sequence {tag} of undefined length never closes: no Sequence Delimitation Item before the end of the data");

            // Items and delimiters have no VR in any transfer syntax, PS3.5 7.5.
            ReadHeader(8, limit, $"an item tag and length in sequence {tag}");
            var itemTag = ReadTag(enc);
            var itemLength = ByteSwapper.ReadUInt32(_header.AsSpan(4, 4), enc.BigEndian);
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                if (undefinedLength)
                    break;
                throw Fail(itemOffset, $"Sequence Delimitation Item inside sequence {tag} of defined length");
            }

            if (itemTag != DicomTag.Item)
                throw Fail(itemOffset, $"expected an Item (FFFE,E000) in sequence {tag}, found {itemTag}");

            var itemUndefined = itemLength == 0xFFFFFFFF;
            long itemEnd;
            if (itemUndefined)
            {
                itemEnd = limit;
            }
            else
            {
                if (itemLength > limit - _stream.Position)
                    throw Fail(itemOffset, $"item length {itemLength} in sequence {tag} exceeds the {limit - _stream.Position} bytes that remain");
                itemEnd = _stream.Position + itemLength;
            }

            _observer.OnBeginItem(itemOffset, itemUndefined);
            ParseElements(enc, itemEnd, itemUndefined, depth + 1);
            if (_stopped)
                return;
            _observer.OnEndItem();
            if (!itemUndefined)
                _stream.Position = itemEnd;
        }

        _observer.OnEndSequence();
    }

    // Encapsulated pixel data: items holding the Basic Offset Table then fragments, PS3.5 A.4.
    private void ParseFragments(Encoding enc, DicomTag tag, DicomVR vr, long offset, long end, int depth)
    {
        _observer.OnBeginFragments(tag, vr, offset);
        var lazy = depth == 0 && _options.LazyPixelData;
        while (true)
        {
            var itemOffset = _stream.Position;
            if (itemOffset >= end)
                throw Fail(itemOffset, $"encapsulated {tag} never closes: no Sequence Delimitation Item before the end of the data");
            ReadHeader(8, end, "a fragment item tag and length");
            var itemTag = ReadTag(enc);
            var itemLength = ByteSwapper.ReadUInt32(_header.AsSpan(4, 4), enc.BigEndian);
            if (itemTag == DicomTag.SequenceDelimitationItem)
                break;
            if (itemTag != DicomTag.Item)
                throw Fail(itemOffset, $"expected a fragment Item (FFFE,E000) in encapsulated {tag}, found {itemTag}");
            if (itemLength > end - _stream.Position)
                throw Fail(itemOffset, $"fragment length {itemLength} exceeds the {end - _stream.Position} bytes that remain");
            if (itemLength > Array.MaxLength)
                throw Fail(itemOffset, $"fragment length {itemLength} is larger than one value can be held in memory");
            var size = (int)itemLength;
            var valueOffset = _stream.Position;
            if (lazy)
            {
                _stream.Seek(size, SeekOrigin.Current);
                _observer.OnFragment(itemOffset, new LazyDicomBuffer(_lazySource, valueOffset, size, 0));
            }
            else
            {
                var bytes = new byte[size];
                _stream.ReadExactly(bytes);
                _observer.OnFragment(itemOffset, new MemoryDicomBuffer(bytes));
            }
        }

        _observer.OnEndFragments();
    }
}
