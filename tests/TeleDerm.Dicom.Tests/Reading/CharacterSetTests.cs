using TeleDerm.Dicom.Tests.Support;
using TeleDerm.Dicom.Text;

namespace TeleDerm.Dicom.Tests.Reading;

public sealed class CharacterSetTests
{
    [Fact]
    public void ISO_2022_IR_87_Japanese_names_are_decoded()
    {
        var ds = DicomFile.Open(Corpus.PathOf("charset_chrJapMulti.dcm")).Dataset;

        Assert.Equal(["", "ISO 2022 IR 87"], ds.SpecificCharacterSet);
        Assert.Equal("やまだ^たろう", ds.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void ISO_IR_144_Cyrillic_names_are_decoded()
    {
        var ds = DicomFile.Open(Corpus.PathOf("charset_chrRuss.dcm")).Dataset;

        Assert.Equal("Люкceмбypг", ds.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void The_PS3_5_H_example_mixing_romaji_kanji_and_kana_is_decoded()
    {
        // PS3.5 H.3.1: Yamada^Tarou=山田^太郎=やまだ^たろう in ISO 2022 IR 87.
        byte[] bytes =
        [
            .. "Yamada^Tarou="u8, 0x1B, 0x24, 0x42, 0x3B, 0x33, 0x45, 0x44, 0x1B, 0x28, 0x42, (byte)'^',
            0x1B, 0x24, 0x42, 0x42, 0x40, 0x4F, 0x3A, 0x1B, 0x28, 0x42, (byte)'=',
            0x1B, 0x24, 0x42, 0x24, 0x64, 0x24, 0x5E, 0x24, 0x40, 0x1B, 0x28, 0x42, (byte)'^',
            0x1B, 0x24, 0x42, 0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26, 0x1B, 0x28, 0x42,
        ];

        Assert.Equal("Yamada^Tarou=山田^太郎=やまだ^たろう", DicomCharacterSet.Decode(bytes, ["", "ISO 2022 IR 87"]));
    }

    [Fact]
    public void ISO_2022_IR_149_Korean_in_G1_is_decoded()
    {
        // PS3.5 I.2: Hong^Gildong=洪^吉洞 with KS X 1001 designated to G1.
        byte[] bytes = [.. "Hong^Gildong="u8, 0x1B, 0x24, 0x29, 0x43, 0xFB, 0xF3, (byte)'^', 0x1B, 0x24, 0x29, 0x43, 0xD1, 0xCE, 0xD4, 0xD7];

        Assert.Equal("Hong^Gildong=洪^吉洞", DicomCharacterSet.Decode(bytes, ["", "ISO 2022 IR 149"]));
    }

    [Theory]
    [InlineData("ISO_IR 192", new byte[] { 0xC3, 0xA9 }, "é")]
    [InlineData("ISO_IR 100", new byte[] { 0xE9 }, "é")]
    [InlineData("ISO-IR 100", new byte[] { 0xE9 }, "é")]
    [InlineData("ISO_IR 101", new byte[] { 0xB9 }, "š")]
    [InlineData("GB18030", new byte[] { 0xD6, 0xD0 }, "中")]
    public void Single_valued_character_sets_map_to_their_encodings(string term, byte[] bytes, string expected)
    {
        Assert.Equal(expected, DicomCharacterSet.Decode(bytes, [term]));
    }
}
