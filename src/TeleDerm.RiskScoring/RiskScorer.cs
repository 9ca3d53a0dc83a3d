using System.Text.Json;
using TeleDerm.Inference;
using TeleDerm.Inference.Models;

namespace TeleDerm.RiskScoring;

/// <summary>
/// A loaded model and its card. <see cref="Score"/> decodes a photo (JPEG, PNG, HEIC), resizes it to the
/// card's size, normalizes it, passes the patient values the card declares, runs the model and reads the
/// risk, its band and the feature values. Thread-safe: <see cref="Score"/> may run concurrently.
/// </summary>
public sealed class RiskScorer : IDisposable
{
    private readonly InferenceSession _session;

    private RiskScorer(string modelPath, ModelCard card, InferenceSession session)
    {
        ModelPath = modelPath;
        Card = card;
        _session = session;
    }

    public string ModelPath { get; }
    public ModelCard Card { get; }

    /// <summary>
    /// Loads <paramref name="modelPath"/> and the card beside it, and checks the card against the model's
    /// real inputs and outputs (<see cref="ModelSignatureMismatchException"/> lists every difference).
    /// </summary>
    public static RiskScorer Load(string modelPath, SessionOptions? options = null)
    {
        if (!File.Exists(modelPath))
            throw new ModelLoadException($"Model file not found: {modelPath}");
        ModelCard card = ModelCardReader.ReadFile(ModelCardReader.CardPathFor(modelPath));
        foreach (var meta in card.MetadataInputs.Where(m => m.Kind == MetadataKind.BodySite))
            throw new ModelCardException($"{modelPath}: the card declares a {meta.Kind} input ('{meta.Input}'), which this scorer cannot feed yet.");
        InferenceSession session;
        try
        {
            session = InferenceSession.FromFile(modelPath, options ?? new SessionOptions());
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"ONNX Runtime cannot load model {modelPath}: {e.Message}", e);
        }
        try
        {
            ModelSignature.Verify(card, session, modelPath);
            return new RiskScorer(modelPath, card, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public RiskResult Score(ReadOnlySpan<byte> photo, PatientMetadata? patient = null) =>
        ScoreTensor(ImageTensors.FromPhoto(photo, Card.Image), patient ?? PatientMetadata.Unknown);

    /// <summary>Scores an image tensor already shaped and normalized as the card says.</summary>
    public RiskResult ScoreTensor(Tensor image, PatientMetadata patient)
    {
        var inputs = new Dictionary<string, Tensor> { [Card.Image.Input] = image };
        foreach (MetadataInputSpec meta in Card.MetadataInputs)
            inputs[meta.Input] = MetadataTensor(meta, patient);
        IReadOnlyDictionary<string, Tensor> outputs = _session.Run(inputs);

        double risk = ReadRisk(outputs[Card.Risk.Output]);
        string band = Card.Thresholds.Last(t => risk >= t.MinimumRisk).Band;
        var features = new List<KeyValuePair<string, double>>();
        if (Card.Features is { } spec)
        {
            float[] values = outputs[spec.Output].ToFloatArray();
            if (values.Length != spec.Names.Count)
                throw new InvalidOperationException($"Model '{Card.Name}' output '{spec.Output}' has {values.Length} values, its card names {spec.Names.Count}.");
            for (int i = 0; i < values.Length; i++)
                features.Add(new(spec.Names[i], values[i]));
        }
        return new RiskResult(Card.Name, Card.Version, risk, band, features);
    }

    public void Dispose() => _session.Dispose();

    private double ReadRisk(Tensor output)
    {
        float[] values = output.ToFloatArray();
        int index = Card.Risk.Index;
        if (index >= values.Length)
            throw new InvalidOperationException($"Model '{Card.Name}': risk index {index} is outside output '{Card.Risk.Output}' ({values.Length} values).");
        double risk = Card.Risk.Kind switch
        {
            RiskReadoutKind.Probability => values[index],
            RiskReadoutKind.Sigmoid => 1 / (1 + Math.Exp(-values[index])),
            RiskReadoutKind.Softmax => Softmax(values, index),
            _ => throw new InvalidOperationException($"Unknown risk readout {Card.Risk.Kind}."),
        };
        if (double.IsNaN(risk))
            throw new InvalidOperationException($"Model '{Card.Name}' returned a risk that is not a number.");
        return Math.Clamp(risk, 0, 1);
    }

    private static double Softmax(float[] logits, int index)
    {
        double max = logits.Max();
        double sum = logits.Sum(l => Math.Exp(l - max));
        return Math.Exp(logits[index] - max) / sum;
    }

    private Tensor MetadataTensor(MetadataInputSpec meta, PatientMetadata patient)
    {
        double? value = meta.Kind switch
        {
            MetadataKind.AgeYears => patient.AgeYears,
            MetadataKind.Sex => patient.Sex switch { PatientSex.Female => 0, PatientSex.Male => 1, _ => null },
            MetadataKind.ReportedChange => patient.ReportedChange switch { true => 1, false => 0, null => null },
            _ => throw new NotSupportedException($"{meta.Kind} inputs are not supported."),
        };
        TensorSpec spec = Card.Inputs.Single(i => i.Name == meta.Input);
        // Symbolic dimensions (a batch) are one image here.
        long[] shape = [.. spec.Shape.Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt64() : 1)];
        float encoded = value is { } v ? (float)v : float.NaN;
        return spec.ElementType switch
        {
            TensorElementType.Float => Tensor.FromFloat([encoded], shape),
            TensorElementType.Double => Tensor.FromDouble([value ?? double.NaN], shape),
            _ => throw new ModelCardException($"Model '{Card.Name}': metadata input '{meta.Input}' must be float or double, the card says {spec.ElementType}."),
        };
    }
}
