using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Json;
using TeleDerm.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace TeleDerm.Dicom.Tests.Json;

/// <summary>Our DICOM JSON equals dcmtk's dcm2json output for every corpus file dcm2json can read
/// (docs/dicom-conformance.md lists the files it cannot read and why).</summary>
public sealed class Dcm2JsonConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Corpus.AllFiles())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Our_json_matches_dcm2json_element_by_element(string name)
    {
        var path = Corpus.PathOf(name);
        var theirs = Dcm2Json.Run(path);
        if (theirs.ExitCode != 0 && theirs.ExitCode != CompressedPixelDataNotSupported)
        {
            // dcm2json 3.6.7 cannot read ISO 2022 IR 87, a misspelt character set, or malformed files.
            output.WriteLine($"dcm2json cannot read {name} (exit {theirs.ExitCode}): {theirs.Errors.Trim()}");
            if (Corpus.Malformed.Contains(name))
                Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
            return;
        }

        var dataset = DicomFile.Open(path).Dataset;
        if (theirs.ExitCode == CompressedPixelDataNotSupported)
            theirs = WithoutPixelData(path, dataset);

        var differences = JsonComparer.Compare(DicomJsonWriter.ToJson(dataset), theirs.Json);
        Assert.True(differences.Count == 0, $"{name}: {differences.Count} differences:\n" + string.Join('\n', differences.Take(30)));
    }

    // dcm2json exits 81 on compressed pixel data ("JSON InlineBinary encoding not supported").
    private const int CompressedPixelDataNotSupported = 81;

    /// <summary>Compares the rest of a compressed file: dcmodify (dcmtk) erases Pixel Data from a temporary copy,
    /// which dcm2json then reads. dcmodify also drops Data Set Trailing Padding, so we drop both on our side.</summary>
    private Dcm2Json.Result WithoutPixelData(string path, DicomDataset ours)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"teleDerm-nopixels-{Guid.NewGuid():N}.dcm");
        try
        {
            File.Copy(path, temp);
            File.SetAttributes(temp, FileAttributes.Normal);
            var erase = ExternalTool.Run("dcmodify", "dcmtk", "-nb", "-e", "(7fe0,0010)", temp);
            Assert.True(erase.ExitCode == 0, $"dcmodify failed on {path}: {erase.Errors}");
            var theirs = Dcm2Json.Run(temp);
            Assert.True(theirs.ExitCode == 0, $"dcm2json failed on {path} without pixel data: {theirs.Errors}");
            ours.Remove(DicomTags.PixelData);
            ours.Remove(DicomTags.DataSetTrailingPadding);
            output.WriteLine($"compared without Pixel Data (dcm2json cannot write compressed pixel data)");
            return theirs;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Fact]
    public void Bare_dataset_json_matches_dcm2json_reading_the_same_dataset()
    {
        // no_meta.dcm has a stray byte before its dataset, which dcm2json does not skip: give it the dataset alone.
        var bytes = Corpus.Bytes("no_meta.dcm");
        var file = DicomFile.Read(bytes);
        Assert.Contains(file.ReadResult!.Warnings, w => w.Contains("stray", StringComparison.Ordinal));
        var temp = Path.Combine(Path.GetTempPath(), $"teleDerm-no-meta-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(temp, bytes[1..]);
            var theirs = Dcm2Json.Run(temp, "-f", "-te");
            Assert.Equal(0, theirs.ExitCode);
            var differences = JsonComparer.Compare(DicomJsonWriter.ToJson(file.Dataset), theirs.Json);
            Assert.True(differences.Count == 0, string.Join('\n', differences.Take(30)));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Fact]
    public void Json_of_encapsulated_pixel_data_keeps_only_the_vr()
    {
        var file = DicomFile.Open(Corpus.PathOf("SC_rgb_jpeg_dcmtk.dcm"), new DicomReaderOptions { LazyPixelData = true });
        var json = DicomJsonWriter.ToJson(file.Dataset, new DicomJsonOptions { Indented = false });
        Assert.Contains("\"7FE00010\":{\"vr\":\"OB\"}", json, StringComparison.Ordinal);
    }
}
