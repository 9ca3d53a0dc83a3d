using TeleDerm.Inference.Models;

namespace TeleDerm.RiskScoring;

/// <summary>A model in the models folder, described by its card (the model itself is not loaded).</summary>
public sealed record RegisteredModel(string ModelPath, string Name, string Version, string FileName, ModelCard Card);

/// <summary>
/// The models in a folder (each "x.onnx" with its "x.card.json") and which one is active. The active
/// model is chosen by file name; until the app persists a choice, it is an option, else the default model.
/// </summary>
public sealed class ModelRegistry
{
    public const string DefaultModelFileName = "teleDerm-dermoscopy-features-v1.onnx";

    public ModelRegistry(string folder, string? activeFileName = null)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Models folder not found: {folder}");
        Models = [.. Directory.GetFiles(folder, "*.onnx")
            .Where(p => File.Exists(ModelCardReader.CardPathFor(p)))
            .Order(StringComparer.Ordinal)
            .Select(p =>
            {
                ModelCard card = ModelCardReader.ReadFile(ModelCardReader.CardPathFor(p));
                return new RegisteredModel(p, card.Name, card.Version, Path.GetFileName(p), card);
            })];
        string wanted = activeFileName ?? DefaultModelFileName;
        Active = Models.FirstOrDefault(m => m.FileName == wanted)
            ?? (activeFileName is null ? Models.FirstOrDefault() : null)
            ?? throw new FileNotFoundException($"No model '{wanted}' with a card in {folder} (found: {string.Join(", ", Models.Select(m => m.FileName))}).");
    }

    public IReadOnlyList<RegisteredModel> Models { get; }
    public RegisteredModel Active { get; }

    public RiskScorer OpenActive(Inference.OnnxSessionSettings? settings = null) => RiskScorer.Load(Active.ModelPath, settings);

    /// <summary>
    /// The "models" folder from TELEDERM_MODELS_PATH, else beside the application or in a folder above it
    /// (the repository when running from a build output).
    /// </summary>
    public static string? FindModelsFolder()
    {
        if (Environment.GetEnvironmentVariable("TELEDERM_MODELS_PATH") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, DefaultModelFileName)))
                return candidate;
        }
        return null;
    }
}
