using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Reading;

public sealed class StreamReadingTests
{
    /// <summary>A stream that cannot seek, like a network body.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public void A_forward_only_stream_is_buffered_and_read()
    {
        using var stream = new ForwardOnlyStream(Corpus.Bytes("MR_small.dcm"));

        var file = DicomFile.Read(stream, new DicomReaderOptions { LazyPixelData = true });

        Assert.Equal(8192, ((DicomElement)file.Dataset.GetItem(DicomTags.PixelData)!).Buffer.GetBytes().Length);
    }

    [Fact]
    public void A_forward_only_stream_larger_than_the_input_limit_is_rejected()
    {
        using var stream = new ForwardOnlyStream(Corpus.Bytes("CT_small.dcm"));

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(stream, new DicomReaderOptions { MaxInputBytes = 1000 }));

        Assert.Contains("exceeds the limit of 1000 bytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lazy_pixel_data_of_a_seekable_stream_is_read_from_that_stream_later()
    {
        using var stream = new MemoryStream(Corpus.Bytes("CT_small.dcm"));

        var file = DicomFile.Read(stream, new DicomReaderOptions { LazyPixelData = true });
        var pixels = (DicomElement)file.Dataset.GetItem(DicomTags.PixelData)!;

        Assert.False(pixels.Buffer.IsLoaded);
        Assert.Equal(pixels.Length, pixels.Buffer.GetBytes().Length);
    }

    [Fact]
    public void A_custom_observer_sees_every_element_in_file_order()
    {
        var observer = new TagRecorder();

        DicomReader.Read(Corpus.Bytes("MR_small.dcm"), observer, new DicomReaderOptions { HeaderOnly = true });

        Assert.Equal(new DicomTag(0x0002, 0x0000), observer.Tags[0]);
        Assert.DoesNotContain(DicomTags.PixelData, observer.Tags);
        Assert.Equal(observer.Tags.Skip(1).Order().ToList(), observer.Tags.Skip(1).ToList());
    }

    private sealed class TagRecorder : IDicomReaderObserver
    {
        public List<DicomTag> Tags { get; } = [];

        public void OnElement(DicomTag tag, DicomVR vr, long offset, IDicomBuffer value) => Tags.Add(tag);
        public void OnBeginSequence(DicomTag tag, DicomVR vr, long offset, bool undefinedLength) => Tags.Add(tag);
        public void OnBeginItem(long offset, bool undefinedLength) { }
        public void OnEndItem() { }
        public void OnEndSequence() { }
        public void OnBeginFragments(DicomTag tag, DicomVR vr, long offset) => Tags.Add(tag);
        public void OnFragment(long offset, IDicomBuffer value) { }
        public void OnEndFragments() { }
    }
}
