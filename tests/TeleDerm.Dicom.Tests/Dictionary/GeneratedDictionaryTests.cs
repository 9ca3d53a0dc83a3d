using TeleDerm.Dicom.Tests.Support;
using TeleDerm.DicomDictionaryGenerator;

namespace TeleDerm.Dicom.Tests.Dictionary;

public sealed class GeneratedDictionaryTests
{
    private static string DcmtkDictionary()
    {
        var path = System.IO.Directory.Exists("/usr/share")
            ? System.IO.Directory.GetDirectories("/usr/share", "libdcmtk*").Select(d => Path.Combine(d, "dicom.dic")).FirstOrDefault(File.Exists)
            : null;
        Assert.True(path is not null, "dcmtk's dicom.dic is missing: run `apt-get install dcmtk` (it ships /usr/share/libdcmtk17/dicom.dic)");
        return path!;
    }

    [Fact]
    public void The_committed_dictionary_is_what_the_generator_makes_from_dcmtk()
    {
        var entries = DcmtkDictionaryParser.Parse(File.ReadLines(DcmtkDictionary()));
        var folder = Path.Combine(Corpus.RepoRoot, "src", "TeleDerm.Dicom", "Dictionary");

        Assert.Equal(CSharpWriter.WriteEntries(entries), File.ReadAllText(Path.Combine(folder, "DicomDictionaryData.Generated.cs")));
        Assert.Equal(CSharpWriter.WriteTagConstants(entries), File.ReadAllText(Path.Combine(folder, "DicomTags.Generated.cs")));
    }

    [Theory]
    [InlineData("PatientID", "Patient ID")]
    [InlineData("SOPInstanceUID", "SOP Instance UID")]
    [InlineData("PixelData", "Pixel Data")]
    [InlineData("ReferencedSOPSequence", "Referenced SOP Sequence")]
    public void Names_are_derived_from_keywords(string keyword, string name)
    {
        Assert.Equal(name, DcmtkDictionaryParser.NameFromKeyword(keyword));
    }
}
