namespace TeleDerm.SampleImages.Tests.Support;

/// <summary>Locates the repository (the folder with TeleDerm.sln).</summary>
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

    public static string Samples => Path.Combine(RepoRoot, "samples");

    public static string DefaultModel => Path.Combine(RepoRoot, "models", "teleDerm-dermoscopy-features-v1.onnx");
}
