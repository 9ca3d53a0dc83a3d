using System.Text;
using System.Text.Json;

namespace TeleDerm.SampleImages;

/// <summary>
/// What <c>manifest.json</c> beside the sample images says: per lesion its appearance, skin type and body
/// site, and per visit the images with their scale (mm per pixel, as the drawn ruler shows) and the lesion's
/// largest diameter as drawn. The one schema of that file: the generator writes it, the demo data seeding reads it.
/// </summary>
public sealed record SampleManifest(string Generator, long Seed, IReadOnlyList<SampleLesion> Lesions)
{
    public const string FileName = "manifest.json";

    public IEnumerable<SampleImage> Images => Lesions.SelectMany(l => l.Visits).SelectMany(v => v.Images);

    /// <summary>Indented JSON, properties in a fixed order, numbers invariant; ends with a newline.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("generator", Generator);
            w.WriteNumber("seed", Seed);
            w.WriteStartArray("lesions");
            foreach (SampleLesion lesion in Lesions)
            {
                w.WriteStartObject();
                w.WriteString("id", lesion.Id);
                w.WriteString("appearance", lesion.Appearance);
                w.WriteNumber("fitzpatrick", lesion.Fitzpatrick);
                w.WriteString("bodySite", lesion.BodySite);
                w.WriteStartArray("visits");
                foreach (SampleVisit visit in lesion.Visits)
                {
                    w.WriteStartObject();
                    w.WriteNumber("visit", visit.Visit);
                    w.WriteNumber("monthsBeforeLatest", visit.MonthsBeforeLatest);
                    w.WriteStartArray("images");
                    foreach (SampleImage image in visit.Images)
                    {
                        w.WriteStartObject();
                        w.WriteString("file", image.File);
                        w.WriteString("kind", image.Kind);
                        w.WriteNumber("width", image.Width);
                        w.WriteNumber("height", image.Height);
                        w.WriteNumber("pixelSpacingMm", image.PixelSpacingMm);
                        w.WriteNumber("lesionDiameterMm", image.LesionDiameterMm);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads <c>manifest.json</c> in <paramref name="folder"/>; a missing file says which setting names the folder.</summary>
    public static SampleManifest Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The demo data needs the sample images: {path} is missing. Set TeleDerm:Demo:SamplesDirectory to the repository's samples folder.", path);
        }
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Reads a manifest; anything missing, of the wrong type or out of range is an <see cref="InvalidDataException"/> naming where.</summary>
    public static SampleManifest Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"manifest.json is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            var lesions = new List<SampleLesion>();
            foreach (var (lesion, li) in Array(root, "lesions", "manifest").Select((e, i) => (e, i)))
            {
                string at = $"lesions[{li}]";
                var visits = new List<SampleVisit>();
                foreach (var (visit, vi) in Array(lesion, "visits", at).Select((e, i) => (e, i)))
                {
                    string vat = $"{at}.visits[{vi}]";
                    var images = new List<SampleImage>();
                    foreach (var (image, ii) in Array(visit, "images", vat).Select((e, i) => (e, i)))
                    {
                        string iat = $"{vat}.images[{ii}]";
                        images.Add(new SampleImage(String(image, "file", iat), OneOf(image, "kind", iat, "dermoscopic", "clinical"),
                            Int(image, "width", iat, 1, 100_000), Int(image, "height", iat, 1, 100_000),
                            Positive(image, "pixelSpacingMm", iat), Positive(image, "lesionDiameterMm", iat)));
                    }
                    visits.Add(new SampleVisit(Int(visit, "visit", vat, 1, 100), Int(visit, "monthsBeforeLatest", vat, 0, 1200), images));
                }
                lesions.Add(new SampleLesion(String(lesion, "id", at), OneOf(lesion, "appearance", at, "benign", "suspicious"),
                    Int(lesion, "fitzpatrick", at, 1, 6), String(lesion, "bodySite", at), visits));
            }
            long seed = Property(root, "seed", "manifest", JsonValueKind.Number).TryGetInt64(out long s) ? s
                : throw new InvalidDataException("manifest: 'seed' must be an integer.");
            return new SampleManifest(String(root, "generator", "manifest"), seed, lesions);
        }
    }

    private static JsonElement Property(JsonElement parent, string name, string at, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{at} must be a JSON object.");
        if (!parent.TryGetProperty(name, out JsonElement value))
            throw new InvalidDataException($"{at}: '{name}' is missing.");
        if (value.ValueKind != kind)
            throw new InvalidDataException($"{at}: '{name}' must be a {kind.ToString().ToLowerInvariant()}, not {value.ValueKind.ToString().ToLowerInvariant()}.");
        return value;
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name, string at) =>
        Property(parent, name, at, JsonValueKind.Array).EnumerateArray().ToList();

    private static string String(JsonElement parent, string name, string at)
    {
        string value = Property(parent, name, at, JsonValueKind.String).GetString()!;
        return value.Length > 0 ? value : throw new InvalidDataException($"{at}: '{name}' is empty.");
    }

    private static string OneOf(JsonElement parent, string name, string at, params string[] allowed)
    {
        string value = String(parent, name, at);
        return allowed.Contains(value) ? value : throw new InvalidDataException($"{at}: '{name}' is '{value}'; expected {string.Join(" or ", allowed)}.");
    }

    private static int Int(JsonElement parent, string name, string at, int min, int max)
    {
        JsonElement e = Property(parent, name, at, JsonValueKind.Number);
        return e.TryGetInt32(out int value) && value >= min && value <= max ? value
            : throw new InvalidDataException($"{at}: '{name}' must be an integer from {min} to {max}, not {e.GetRawText()}.");
    }

    private static double Positive(JsonElement parent, string name, string at)
    {
        double value = Property(parent, name, at, JsonValueKind.Number).GetDouble();
        return value > 0 && double.IsFinite(value) ? value : throw new InvalidDataException($"{at}: '{name}' must be a positive number.");
    }
}

public sealed record SampleLesion(string Id, string Appearance, int Fitzpatrick, string BodySite, IReadOnlyList<SampleVisit> Visits)
{
    public bool Suspicious => Appearance == "suspicious";
}

public sealed record SampleVisit(int Visit, int MonthsBeforeLatest, IReadOnlyList<SampleImage> Images);

/// <param name="PixelSpacingMm">Size of one pixel in mm, as the ruler in the image is drawn.</param>
/// <param name="LesionDiameterMm">The lesion's largest diameter as drawn (where pigment coverage is one half).</param>
public sealed record SampleImage(string File, string Kind, int Width, int Height, double PixelSpacingMm, double LesionDiameterMm);
