namespace TeleDerm.Dicom.Tests.Support;

/// <summary>The shared DICOM corpus, found from the repository root (never copied into the repo).</summary>
public static class Corpus
{
    public static string RepoRoot => RepoPaths.Root;

    public static string Directory { get; } = Path.Combine(RepoPaths.Shared, "data", "dicom");

    public static string PathOf(string name)
    {
        var path = Path.Combine(Directory, name);
        Assert.True(File.Exists(path), $"corpus file {path} is missing (expected the shared corpus at ../shared/data/dicom from the repo root)");
        return path;
    }

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static IReadOnlyList<string> AllFiles()
    {
        Assert.True(System.IO.Directory.Exists(Directory), $"corpus folder {Directory} is missing");
        return System.IO.Directory.GetFiles(Directory, "*.dcm").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Files the manifest marks as malformed: reading them must fail with DicomFormatException.</summary>
    public static readonly string[] Malformed = ["MR_truncated.dcm", "rtplan_truncated.dcm", "GH364.dcm"];
}
