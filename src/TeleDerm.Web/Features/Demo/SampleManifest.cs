using System.Text.Json;

namespace TeleDerm.Web.Features.Demo;

// samples/manifest.json, written by `teleDerm samples generate` (src/TeleDerm.SampleImages): synthetic lesions,
// each seen at two or three visits, with the files of each visit.

public sealed record SampleManifest(string Generator, int Seed, IReadOnlyList<SampleLesion> Lesions)
{
    public static SampleManifest Load(string folder)
    {
        var path = Path.Combine(folder, "manifest.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The demo data needs the sample images: {path} is missing. Set TeleDerm:Demo:SamplesDirectory to the repository's samples folder.", path);
        }
        return JsonSerializer.Deserialize<SampleManifest>(File.ReadAllBytes(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}

public sealed record SampleLesion(string Id, string Appearance, int Fitzpatrick, string BodySite, IReadOnlyList<SampleVisit> Visits)
{
    public bool Suspicious => Appearance == "suspicious";
}

public sealed record SampleVisit(int Visit, int MonthsBeforeLatest, IReadOnlyList<SampleImage> Images);

public sealed record SampleImage(string File, string Kind, int Width, int Height, double PixelSpacingMm, double LesionDiameterMm);
