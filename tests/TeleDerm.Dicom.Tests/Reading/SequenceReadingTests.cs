using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Reading;

public sealed class SequenceReadingTests
{
    [Fact]
    public void Undefined_length_UN_holding_a_sequence_is_read_as_implicit_little_endian_SQ()
    {
        var ds = DicomFile.Open(Corpus.PathOf("UN_sequence.dcm")).Dataset;

        var sequence = ds.GetSequence(new DicomTag(0x4453, 0x100C));
        Assert.NotNull(sequence);
        var item = Assert.Single(sequence.Items);
        Assert.Equal("1.2.840.113619.2.327.3.185221411.476.1398588725.795", item.GetString(DicomTags.StudyInstanceUID));
        var nested = item.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items[0].GetSequence(DicomTags.ReferencedSOPSequence)!;
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", nested.Items[0].GetString("ReferencedSOPClassUID"));
    }

    [Fact]
    public void Nested_private_sequences_of_undefined_length_in_implicit_VR_are_read()
    {
        var ds = DicomFile.Open(Corpus.PathOf("nested_priv_SQ.dcm")).Dataset;

        var outer = ds.GetSequence(new DicomTag(0x0001, 0x0001))!;
        var inner = outer.Items[0].GetSequence(new DicomTag(0x0001, 0x0001))!;
        Assert.Single(inner.Items);
        Assert.Equal(DicomVR.UN, outer.Items[0].GetItem(new DicomTag(0x0001, 0x0002))!.VR);
    }

    [Fact]
    public void Deeply_nested_structured_report_content_is_read()
    {
        var ds = DicomFile.Open(Corpus.PathOf("test-SR.dcm")).Dataset;

        static int Depth(DicomDataset d) => 1 + d.OfType<DicomSequence>().SelectMany(s => s.Items).Select(Depth).DefaultIfEmpty(0).Max();
        Assert.True(Depth(ds) >= 3);
    }

    [Fact]
    public void Items_inherit_the_specific_character_set_of_their_dataset()
    {
        var ds = DicomFile.Open(Corpus.PathOf("CT_small.dcm")).Dataset;

        var item = ds.GetSequence(new DicomTag(0x0010, 0x1002))!.Items[0];
        Assert.Equal(["ISO_IR 100"], item.SpecificCharacterSet);
        Assert.Equal("ABCD1234", item.GetString(DicomTags.PatientID));
    }
}
