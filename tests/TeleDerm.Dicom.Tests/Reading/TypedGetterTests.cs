using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Reading;

public sealed class TypedGetterTests
{
    [Fact]
    public void An_integer_string_that_is_not_an_integer_raises_DicomFormatException_with_its_offset()
    {
        var ds = DicomFile.Open(Corpus.PathOf("badVR.dcm")).Dataset;

        var error = Assert.Throws<DicomFormatException>(() => ds.GetInt(DicomTags.NumberOfFrames));

        Assert.Contains("'1A' is not an integer", error.Reason, StringComparison.Ordinal);
        Assert.True(error.Offset > 132);
        Assert.Equal(["1A"], ds.GetStrings(DicomTags.NumberOfFrames));
    }

    [Fact]
    public void Multi_valued_strings_binary_numbers_and_dates_read_by_keyword()
    {
        var ds = DicomFile.Open(Corpus.PathOf("CT_small.dcm")).Dataset;

        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], ds.GetStrings("ImageType"));
        Assert.Equal(128, ds.GetInt("Rows"));
        Assert.Equal(16, ds.GetInt(DicomTags.BitsAllocated));
        Assert.Equal(new DateOnly(2004, 1, 19), ds.GetDate("StudyDate"));
        Assert.Equal("CT", ds.GetString("Modality"));
        Assert.Null(ds.GetString(DicomTags.TrackingUID));
        Assert.Throws<ArgumentException>(() => ds.GetString("NoSuchKeyword"));
    }

    [Fact]
    public void Values_set_in_memory_read_back_through_the_same_getters()
    {
        var ds = new DicomDataset()
            .SetString("PatientName", "Müller^Anna")
            .SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192")
            .SetString(DicomTags.ImageType, "DERIVED", "SECONDARY")
            .SetUInt16(DicomTags.Rows, 480)
            .SetDate(DicomTags.StudyDate, new DateOnly(2026, 11, 22));

        Assert.Equal("Müller^Anna", ds.GetString(DicomTags.PatientName));
        Assert.Equal(["DERIVED", "SECONDARY"], ds.GetStrings(DicomTags.ImageType));
        Assert.Equal(480, ds.GetInt(DicomTags.Rows));
        Assert.Equal(new DateOnly(2026, 11, 22), ds.GetDate(DicomTags.StudyDate));
    }
}
