using TeleDerm.Inference.Models;
using TeleDerm.RiskModelBuilder.Onnx;

namespace TeleDerm.RiskModel.Tests.Support;

/// <summary>Small models written with our own ONNX writer, plus a matching card, in a temporary folder.</summary>
internal sealed class TinyModels : IDisposable
{
    public TinyModels() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "teleDerm-tiny-models-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// An "image" input [batch, 3, 8, 8] → "score" = ReduceMean over C, H, W → [batch, 1] read as a probability,
    /// and "age" [1, 1] passed through as "age_out".
    /// </summary>
    public static byte[] MeanModel()
    {
        var g = new GraphBuilder("tiny-mean");
        string image = g.Input("image", GraphBuilder.FloatType, "batch", 3, 8, 8);
        string age = g.Input("age", GraphBuilder.FloatType, 1, 1);
        string mean = g.Op("ReduceMean", [image], AttributeProto.Ints("axes", 1, 2, 3), AttributeProto.Int("keepdims", 0));
        string score = g.Op("Unsqueeze", [mean, g.Int64s(1)]);
        g.Output("score", score, GraphBuilder.FloatType, "batch", 1);
        g.Output("age_out", age, GraphBuilder.FloatType, 1, 1);
        return g.Build("1", []).ToByteArray();
    }

    public const string MeanModelCard = """
        {
          "name": "tiny-mean", "version": "0.1.0",
          "intendedUse": "tests", "trainingData": "none", "licence": "AGPL-3.0-or-later",
          "image": { "input": "image", "width": 8, "height": 8, "layout": "NCHW",
                     "normalization": { "scale": 0.00392156862745098, "mean": [0, 0, 0], "std": [1, 1, 1] } },
          "metadataInputs": [ { "kind": "age_years", "input": "age", "encoding": "years", "missingValue": "NaN", "whenMissing": "passed through" } ],
          "inputs": [ { "name": "image", "elementType": "float", "shape": ["batch", 3, 8, 8] },
                      { "name": "age", "elementType": "float", "shape": [1, 1] } ],
          "outputs": [ { "name": "score", "elementType": "float", "shape": ["batch", 1] },
                       { "name": "age_out", "elementType": "float", "shape": [1, 1] } ],
          "labels": ["benign", "malignant"], "malignantLabels": ["malignant"],
          "risk": { "output": "score", "kind": "probability", "index": 0 },
          "features": { "output": "age_out", "names": ["age"] },
          "thresholds": [ { "band": "low", "minimumRisk": 0, "sensitivity": 1, "specificity": 0 },
                          { "band": "high", "minimumRisk": 0.5, "sensitivity": 0.8, "specificity": 0.7 } ],
          "validation": [ { "name": "none", "method": "none", "images": 0, "malignant": 0, "auc": 0.5, "aucSd": null } ]
        }
        """;

    /// <summary>Writes model bytes and card text as name.onnx / name.card.json; returns the model path.</summary>
    public string Write(string name, byte[] model, string? card)
    {
        string path = Path.Combine(Folder, name + ".onnx");
        File.WriteAllBytes(path, model);
        if (card is not null)
            File.WriteAllText(ModelCardReader.CardPathFor(path), card);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
