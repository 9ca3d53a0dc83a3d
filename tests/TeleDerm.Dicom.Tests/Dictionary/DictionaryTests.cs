using TeleDerm.Dicom.Dictionary;

namespace TeleDerm.Dicom.Tests.Dictionary;

public sealed class DictionaryTests
{
    [Fact]
    public void Keywords_name_tags_like_PS3_6()
    {
        Assert.Equal(new DicomTag(0x0010, 0x0020), DicomTags.PatientID);
        Assert.Equal(new DicomTag(0x0016, 0x1001), DicomTags.LightSourcePolarization);
        var entry = DicomDictionary.Find("PatientName")!;
        Assert.Equal("Patient Name", entry.Name);
        Assert.Equal([DicomVR.PN], entry.ValueRepresentations);
        Assert.Equal("1", entry.ValueMultiplicity);
    }

    [Fact]
    public void Repeating_groups_are_found_for_every_even_group()
    {
        Assert.Equal("OverlayRows", DicomDictionary.Find(new DicomTag(0x6002, 0x0010))!.Keyword);
        Assert.Null(DicomDictionary.Find(new DicomTag(0x6001, 0x0010)));
    }

    [Fact]
    public void Implicit_VR_follows_the_dictionary_private_creator_and_group_length_rules()
    {
        Assert.Equal(DicomVR.PN, DicomDictionary.ImplicitVR(DicomTags.PatientName));
        Assert.Equal(DicomVR.OW, DicomDictionary.ImplicitVR(DicomTags.PixelData));
        Assert.Equal(DicomVR.LO, DicomDictionary.ImplicitVR(new DicomTag(0x0009, 0x0010)));
        Assert.Equal(DicomVR.UN, DicomDictionary.ImplicitVR(new DicomTag(0x0009, 0x1001)));
        Assert.Equal(DicomVR.UL, DicomDictionary.ImplicitVR(new DicomTag(0x0008, 0x0000)));
    }

    [Fact]
    public void Tags_parse_and_print_as_the_standard_writes_them()
    {
        Assert.True(DicomTag.TryParse("(7FE0,0010)", out var tag));
        Assert.Equal(DicomTags.PixelData, tag);
        Assert.Equal("(7FE0,0010)", tag.ToString());
        Assert.Equal("7FE00010", tag.ToJsonKey());
        Assert.True(new DicomTag(0x0009, 0x1001).IsPrivate);
    }

    [Fact]
    public void Generated_UIDs_are_valid_and_under_2_25()
    {
        var uid = DicomUid.Generate();

        Assert.StartsWith("2.25.", uid.Value, StringComparison.Ordinal);
        Assert.True(uid.IsValid);
        Assert.False(new DicomUid("1.02.3").IsValid);
    }
}
