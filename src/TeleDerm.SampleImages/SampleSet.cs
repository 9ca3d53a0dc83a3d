namespace TeleDerm.SampleImages;

/// <summary>A generated set: the JPEG files by name, and the manifest describing them.</summary>
public sealed record SampleSet(SampleManifest Manifest, IReadOnlyList<SampleFile> Files)
{
    /// <summary>Writes every image and <c>manifest.json</c> into <paramref name="folder"/> (created if missing).</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (SampleFile file in Files)
            File.WriteAllBytes(Path.Combine(folder, file.Name), file.Content);
        File.WriteAllText(Path.Combine(folder, SampleManifest.FileName), Manifest.ToJson());
    }
}

public sealed record SampleFile(string Name, byte[] Content);
