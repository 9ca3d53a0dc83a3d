namespace TeleDerm.Dicom.IO;

public sealed record DicomReaderOptions
{
    public static readonly DicomReaderOptions Default = new();

    /// <summary>Stop at Pixel Data (7FE0,0010), or Float/Double Float Pixel Data (7FE0,0008/0009), of the
    /// top-level dataset: nothing from there on is read.</summary>
    public bool HeaderOnly { get; init; }

    /// <summary>Keep top-level Pixel Data (and its fragments) as offset and length, read on demand.</summary>
    public bool LazyPixelData { get; init; }

    /// <summary>Deepest nesting of sequences accepted.</summary>
    public int MaxSequenceDepth { get; init; } = 64;

    /// <summary>Most bytes a deflated dataset may inflate to (guards against deflate bombs).</summary>
    public long MaxInflatedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most bytes of a non-seekable input or a file to read into memory.</summary>
    public long MaxInputBytes { get; init; } = 2L * 1024 * 1024 * 1024 - 1;
}
