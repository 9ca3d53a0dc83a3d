namespace TeleDerm.RiskModel.Tests.Support;

/// <summary>Locates the repository (the folder with TeleDerm.sln), the committed model and the shared data beside the repository.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeleDerm.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"TeleDerm.sln not found above {AppContext.BaseDirectory}.");
    });

    public static string RepoRoot => Root.Value;

    public static string DefaultModel => Path.Combine(RepoRoot, "models", "teleDerm-dermoscopy-features-v1.onnx");

    public static string DefaultCard => Path.Combine(RepoRoot, "models", "teleDerm-dermoscopy-features-v1.card.json");

    public static string DermoscopyData
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "dermoscopy"));
            Assert.True(File.Exists(Path.Combine(path, "labels.csv")), $"the shared dermoscopy data set is missing: expected {path}/labels.csv beside the repository");
            return path;
        }
    }

    public static string DermoscopyImage(string isicId) => Directory.GetFiles(Path.Combine(DermoscopyData, "images"), isicId + "*.jpg").Single();
}
