namespace TeleDerm.Testing;

/// <summary>Locates the repository root (the folder holding TeleDerm.sln), its committed data, and the shared test data beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared next to the repository: real data from other software, never copied into the repo.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The synthetic sample photos and their manifest.json (the demo data).</summary>
    public static string Samples => Path.Combine(Root, "samples");

    public static string DefaultModel => Path.Combine(Root, "models", "teleDerm-dermoscopy-features-v1.onnx");

    public static string DefaultCard => Path.Combine(Root, "models", "teleDerm-dermoscopy-features-v1.card.json");

    /// <summary>The shared ISIC dermoscopy set (images and labels.csv); a missing set fails with where it was expected.</summary>
    public static string DermoscopyData
    {
        get
        {
            var path = Path.Combine(Shared, "data", "dermoscopy");
            return File.Exists(Path.Combine(path, "labels.csv"))
                ? path
                : throw new InvalidOperationException($"The shared dermoscopy data set is missing: expected {path}/labels.csv beside the repository.");
        }
    }

    public static string DermoscopyImages => Path.Combine(DermoscopyData, "images");

    /// <summary>One photo of the shared ISIC set by its file name ("ISIC_0000031.jpg").</summary>
    public static string IsicPhoto(string fileName) => Path.Combine(Shared, "data", "dermoscopy", "images", fileName);

    public static byte[] IsicPhotoBytes(string fileName) => File.ReadAllBytes(IsicPhoto(fileName));

    /// <summary>One ISIC photo of the shared set by its id ("ISIC_0000031").</summary>
    public static string DermoscopyImage(string isicId) => Directory.GetFiles(DermoscopyImages, isicId + "*.jpg").Single();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeleDerm.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"TeleDerm.sln not found above {AppContext.BaseDirectory}.");
    }
}
