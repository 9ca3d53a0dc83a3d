using Microsoft.Extensions.Options;
using TeleDerm.Core.Settings;
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
public sealed class ActiveRiskModel(IOptions<ModelsOptions> options, SystemSettings settings, ILogger<ActiveRiskModel> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<RiskScorer> retired = [];
    private RiskScorer? current;

    public string Folder => options.Value.Folder ?? ModelRegistry.FindModelsFolder()
        ?? throw new InvalidOperationException("No models folder: set TeleDerm:Models:Folder to a folder holding .onnx models and their .card.json.");

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

    public void Dispose()
    {
        current?.Dispose();
        retired.ForEach(s => s.Dispose());
    }
}
