using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using TeleDerm.Imaging;
using TeleDerm.Inference;
using TeleDerm.Inference.Models;
using TeleDerm.RiskScoring;

namespace TeleDerm.Cli.Commands;

/// <summary>
/// "score": the risk of each image with the active (or a given) model, one JSON object per image per line.
/// A failure for one image is a line with an "error" field; the exit code is then 1.
/// </summary>
public static class ScoreCommands
{
    private sealed record Item(string File, PatientMetadata? Patient, string? Error);

    public static int Run(string[] args, CliConsole console)
    {
        var images = new List<string>();
        string? csv = null, model = null;
        double? age = null;
        PatientSex? sex = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "--age" or "--sex" or "--model" or "--csv")
            {
                if (i + 1 >= args.Length)
                    return Usage.Fail(console, $"score: {arg} needs a value");
                string value = args[++i];
                switch (arg)
                {
                    case "--age":
                        if (ParseAge(value) is not { } years)
                            return Usage.Fail(console, $"score: --age '{value}' is not an age in years (0 to 130)");
                        age = years;
                        break;
                    case "--sex":
                        if (ParseSex(value) is not { } s)
                            return Usage.Fail(console, $"score: --sex '{value}' must be female or male");
                        sex = s;
                        break;
                    case "--model": model = value; break;
                    default: csv = value; break;
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                return Usage.Fail(console, $"score: unknown option '{arg}'");
            }
            else
            {
                images.Add(arg);
            }
        }
        if (csv is not null && (images.Count > 0 || age is not null || sex is not null))
            return Usage.Fail(console, "score: --csv takes ages and sexes from the file; give no IMAGE, --age or --sex with it");
        if (csv is null && images.Count == 0)
            return Usage.Fail(console, "score needs at least one IMAGE or --csv FILE");

        List<Item> items;
        if (csv is not null)
        {
            try
            {
                items = ReadCsv(csv);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                console.Error.WriteLine($"error: {csv}: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }
        else
        {
            items = [.. images.Select(f => new Item(f, new PatientMetadata(age, sex), null))];
        }

        RiskScorer scorer;
        try
        {
            scorer = OpenScorer(model);
        }
        catch (Exception e) when (e is ModelLoadException or ModelCardException or ModelSignatureMismatchException or OnnxRuntimeException
                                      or FileNotFoundException or DirectoryNotFoundException or DllNotFoundException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        using (scorer)
        {
            int exit = ExitCodes.Ok;
            foreach (Item item in items)
            {
                string line;
                try
                {
                    if (item.Error is not null)
                        throw new InvalidDataException(item.Error);
                    line = ResultJson(item.File, scorer.Score(File.ReadAllBytes(item.File), item.Patient));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageDecodeException or InvalidDataException or OnnxRuntimeException)
                {
                    line = ErrorJson(item.File, e is FileNotFoundException or DirectoryNotFoundException ? $"file not found: {item.File}" : e.Message);
                    exit = ExitCodes.InvalidInput;
                }
                console.Out.WriteLine(line);
            }
            return exit;
        }
    }

    private static RiskScorer OpenScorer(string? model)
    {
        if (model is not null)
            return RiskScorer.Load(model);
        string folder = ModelRegistry.FindModelsFolder()
            ?? throw new FileNotFoundException($"No models folder with {ModelRegistry.DefaultModelFileName} found beside teleDerm or above it; give --model PATH or set TELEDERM_MODELS_PATH.");
        return new ModelRegistry(folder).OpenActive();
    }

    /// <summary>Columns file, age, sex (header by name; file required); paths relative to the CSV; empty cells are unknown.</summary>
    private static List<Item> ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0)
            throw new InvalidDataException("the CSV is empty; expected a header with the columns file, age, sex");
        string[] header = [.. lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant())];
        int file = Array.IndexOf(header, "file"), ageColumn = Array.IndexOf(header, "age"), sexColumn = Array.IndexOf(header, "sex");
        if (file < 0)
            throw new InvalidDataException($"the CSV header has no 'file' column (found: {lines[0]})");
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
        var items = new List<Item>();
        for (int row = 1; row < lines.Length; row++)
        {
            if (string.IsNullOrWhiteSpace(lines[row])) continue;
            string[] cells = lines[row].Split(',');
            string Cell(int column) => column >= 0 && column < cells.Length ? cells[column].Trim() : "";
            string image = Cell(file);
            string location = $"{path} line {row + 1}";
            if (lines[row].Contains('"', StringComparison.Ordinal))
            {
                items.Add(new Item(image, null, $"{location}: quoted CSV fields are not supported"));
                continue;
            }
            string fullPath = Path.Combine(folder, image);
            string ageCell = Cell(ageColumn), sexCell = Cell(sexColumn);
            double? years = ageCell.Length == 0 ? null : ParseAge(ageCell);
            PatientSex? sex = sexCell.Length == 0 ? null : ParseSex(sexCell);
            string? error = image.Length == 0 ? $"{location}: the file cell is empty"
                : ageCell.Length > 0 && years is null ? $"{location}: age '{ageCell}' is not an age in years (0 to 130)"
                : sexCell.Length > 0 && sex is null ? $"{location}: sex '{sexCell}' must be female or male"
                : null;
            items.Add(new Item(fullPath, new PatientMetadata(years, sex), error));
        }
        return items;
    }

    private static double? ParseAge(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double years) && years is >= 0 and <= 130 ? years : null;

    private static PatientSex? ParseSex(string text) => text.ToLowerInvariant() switch
    {
        "female" or "f" => PatientSex.Female,
        "male" or "m" => PatientSex.Male,
        _ => null,
    };

    private static string ResultJson(string file, RiskResult result) => Json(w =>
    {
        w.WriteString("file", file);
        w.WriteNumber("risk", Math.Round(result.Risk, 6));
        w.WriteString("band", result.Band);
        w.WriteStartObject("features");
        foreach (var (name, value) in result.Features)
        {
            if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 6));
            else w.WriteNull(name);
        }
        w.WriteEndObject();
        w.WriteStartObject("model");
        w.WriteString("name", result.ModelName);
        w.WriteString("version", result.ModelVersion);
        w.WriteEndObject();
    });

    private static string ErrorJson(string file, string error) => Json(w =>
    {
        w.WriteString("file", file);
        w.WriteString("error", error);
    });

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
