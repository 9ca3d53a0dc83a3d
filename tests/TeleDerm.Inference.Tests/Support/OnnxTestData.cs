namespace TeleDerm.Inference.Tests.Support;

/// <summary>ONNX's conformance models and reference data from Debian's libonnx-testdata.</summary>
internal static class OnnxTestData
{
    public const string Root = "/usr/share/libonnx-testdata/data";
    public static readonly string[] Suites = ["node", "pytorch-converted", "simple"];

    /// <summary>The data folder, or a test failure naming the Debian package.</summary>
    public static string RequireRoot()
    {
        if (!Directory.Exists(Path.Combine(Root, "node")))
        {
            Assert.Fail($"ONNX conformance data not found under {Root}: install the Debian package 'libonnx-testdata' (apt-get install libonnx-testdata).");
        }

        return Root;
    }

    /// <summary>A model folder of the node suite, e.g. "test_add".</summary>
    public static string NodeModel(string name) => Path.Combine(RequireRoot(), "node", name, "model.onnx");

    /// <summary>Every model folder that has a model.onnx and test_data_set_0, sorted for a deterministic order.</summary>
    public static IReadOnlyList<string> AllModelFolders()
    {
        string root = RequireRoot();
        return Suites
            .SelectMany(suite => Directory.Exists(Path.Combine(root, suite)) ? Directory.GetDirectories(Path.Combine(root, suite)) : [])
            .Where(dir => File.Exists(Path.Combine(dir, "model.onnx")) && Directory.Exists(Path.Combine(dir, "test_data_set_0")))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
