using Microsoft.Extensions.Options;
using TeleDerm.Core.Scoring;
using TeleDerm.Core.Settings;
using TeleDerm.Inference.Models;
using TeleDerm.RiskScoring;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Features.Scoring;

/// <summary>Configuration section "TeleDerm:Models".</summary>
public sealed class ModelsOptions
{
    public const string Section = "TeleDerm:Models";

    /// <summary>Folder of .onnx models with their .card.json; default: the repository's or the app's "models" folder.</summary>
    public string? Folder { get; set; }
}

/// <summary>
/// The risk model in use. Loaded on first use, not at start-up: a missing or mismatching model stops
/// scoring (each image records why) but never the app or the intake of requests. An administrator's
/// choice is kept in the database, so every app instance uses the same model.
/// </summary>
public sealed class ActiveRiskModel(IOptions<ModelsOptions> options, IOptions<TeleDermOptions> teleDerm, SystemSettings settings, ILogger<ActiveRiskModel> logger) : IRiskModelCatalogue, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<RiskScorer> retired = [];
    private RiskScorer? current;
    private string? folder;

    /// <summary>
    /// The models in use: TeleDerm:Models:Folder, or "models" in the data folder, seeded on first use with the
    /// models shipped with TeleDerm (so that administrators can add models beside them).
    /// </summary>
    public string Folder => folder ??= options.Value.Folder ?? SeedDataFolder();

    private string SeedDataFolder()
    {
        var target = Directory.CreateDirectory(Path.Combine(teleDerm.Value.ResolveDataDirectory(), "models")).FullName;
        if (ModelRegistry.FindModelsFolder() is { } bundled)
        {
            foreach (var file in Directory.EnumerateFiles(bundled).Where(f => f.EndsWith(".onnx", StringComparison.Ordinal) || f.EndsWith(".card.json", StringComparison.Ordinal)))
            {
                var copy = Path.Combine(target, Path.GetFileName(file));
                if (!File.Exists(copy))
                {
                    File.Copy(file, copy);
                }
            }
        }
        return target;
    }

    public ModelRegistry Registry(string? active = null) => new(Folder, active);

    /// <summary>The scorer of the chosen model, loading it the first time; throws with the reason when it cannot be used.</summary>
    public async Task<RiskScorer> ScorerAsync(CancellationToken cancellationToken = default)
    {
        if (current is { } ready)
        {
            return ready;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is null)
            {
                var chosen = await settings.GetAsync(SystemSettings.ActiveRiskModel, cancellationToken);
                var model = Registry(chosen).Active;
                current = RiskScorer.Load(model.ModelPath);
                logger.LogInformation("Risk model {Name} {Version} loaded from {Path}", current.Card.Name, current.Card.Version, model.ModelPath);
            }
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Makes another model of the folder the active one (checked by loading it first).</summary>
    public async Task<RiskScorer> SwitchToAsync(string fileName, string? userId, CancellationToken cancellationToken = default)
    {
        var model = Registry(fileName).Active;
        var loaded = RiskScorer.Load(model.ModelPath);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await settings.SetAsync(SystemSettings.ActiveRiskModel, model.FileName, userId, cancellationToken);
            // Images being scored may still hold the previous scorer: keep it until the app stops.
            if (current is not null)
            {
                retired.Add(current);
            }
            current = loaded;
            return loaded;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Adds an uploaded model and its card to the folder after loading them together (the card is checked
    /// against the model's real signature). Returns the card; throws with the reason when refused.
    /// </summary>
    public ModelCard Add(string modelFileName, byte[] model, byte[] card)
    {
        var name = Path.GetFileName(modelFileName);
        if (name != modelFileName || !name.EndsWith(".onnx", StringComparison.Ordinal) || name.Length > 100
            || name.AsSpan(0, name.Length - 5).ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."))
        {
            throw new ModelLoadException("The model file name must end in .onnx and use only letters, digits, '-', '_' and '.'.");
        }
        var target = Path.Combine(Folder, name);
        if (File.Exists(target))
        {
            throw new ModelLoadException($"A model named {name} is already installed; give the new version another file name.");
        }
        var staging = Directory.CreateTempSubdirectory("teleDerm-model-").FullName;
        try
        {
            var stagedModel = Path.Combine(staging, name);
            File.WriteAllBytes(stagedModel, model);
            File.WriteAllBytes(ModelCardReader.CardPathFor(stagedModel), card);
            ModelCard checkedCard;
            using (var scorer = RiskScorer.Load(stagedModel))
            {
                checkedCard = scorer.Card;
            }
            File.Copy(ModelCardReader.CardPathFor(stagedModel), ModelCardReader.CardPathFor(target));
            File.Copy(stagedModel, target);
            return checkedCard;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    async Task<string> IRiskModelCatalogue.ActivateAsync(string fileName, string userId, CancellationToken cancellationToken) =>
        await RefusedAsModelErrors(async () => (await SwitchToAsync(fileName, userId, cancellationToken)).Card);

    Task<string> IRiskModelCatalogue.AddAsync(string fileName, byte[] model, byte[] card) =>
        RefusedAsModelErrors(() => Task.FromResult(Add(fileName, model, card)));

    /// <summary>The model's name and version, or its checks' refusal as the one exception the domain knows.</summary>
    private static async Task<string> RefusedAsModelErrors(Func<Task<ModelCard>> change)
    {
        try
        {
            var card = await change();
            return $"{card.Name} {card.Version}";
        }
        catch (Exception ex) when (IsModelRefusal(ex))
        {
            throw new RiskModelRefusedException(ex.Message, ex);
        }
    }

    /// <summary>What the model's own checks throw for a file, card or model that cannot be used.</summary>
    private static bool IsModelRefusal(Exception ex) =>
        ex is ModelCardException or ModelSignatureMismatchException or ModelLoadException or IOException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

    public void Dispose()
    {
        current?.Dispose();
        retired.ForEach(s => s.Dispose());
    }
}
