namespace TeleDerm.Testing;

/// <summary>Locates the repository root (the folder holding TeleDerm.sln) and the shared test data beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared next to the repository: real data from other software, never copied into the repo.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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
