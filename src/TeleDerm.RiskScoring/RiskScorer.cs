using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
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
    private readonly RunOptions _runOptions = new();
    private readonly string[] _outputNames;

    private RiskScorer(string modelPath, ModelCard card, InferenceSession session)
    {
        ModelPath = modelPath;
        Card = card;
        _session = session;
        _outputNames = [.. new[] { card.Risk.Output, card.Features?.Output }.OfType<string>().Distinct()];
    }

    public string ModelPath { get; }
    public ModelCard Card { get; }

    /// <summary>
    /// Loads <paramref name="modelPath"/> and the card beside it, and checks the card against the model's
    /// real inputs and outputs (<see cref="ModelSignatureMismatchException"/> lists every difference).
    /// </summary>
    public static RiskScorer Load(string modelPath, OnnxSessionSettings? settings = null)
    {
        if (!File.Exists(modelPath))
            throw new ModelLoadException($"Model file not found: {modelPath}");
        ModelCard card = ModelCardReader.ReadFile(ModelCardReader.CardPathFor(modelPath));
        foreach (var meta in card.MetadataInputs.Where(m => m.Kind == MetadataKind.BodySite))
            throw new ModelCardException($"{modelPath}: the card declares a {meta.Kind} input ('{meta.Input}'), which this scorer cannot feed yet.");
        InferenceSession session;
        try
        {
            session = OnnxSessions.Open(modelPath, settings);
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

    /// <summary>
    /// Scores an image tensor already shaped and normalized as the card says. The arrays are handed to ONNX
    /// Runtime in place, and only the outputs the card reads are computed and copied out.
    /// </summary>
    public RiskResult ScoreTensor(FloatTensor image, PatientMetadata patient)
    {
        var inputs = new Dictionary<string, OrtValue>(1 + Card.MetadataInputs.Count);
        try
        {
            inputs[Card.Image.Input] = OrtValue.CreateTensorValueFromMemory(image.Values, image.Shape);
            foreach (MetadataInputSpec meta in Card.MetadataInputs)
                inputs[meta.Input] = MetadataValue(meta, patient);
            using var outputs = _session.Run(_runOptions, inputs, _outputNames);
            OrtValue Output(string name) => outputs[Array.IndexOf(_outputNames, name)];

            double risk = ReadRisk(OnnxRuns.Floats(Output(Card.Risk.Output), Card.Risk.Output));
            string band = Card.Thresholds.Last(t => risk >= t.MinimumRisk).Band;
            var features = new List<KeyValuePair<string, double>>();
            if (Card.Features is { } spec)
            {
                ReadOnlySpan<float> values = OnnxRuns.Floats(Output(spec.Output), spec.Output);
                if (values.Length != spec.Names.Count)
                    throw new InvalidOperationException($"Model '{Card.Name}' output '{spec.Output}' has {values.Length} values, its card names {spec.Names.Count}.");
                for (int i = 0; i < values.Length; i++)
                    features.Add(new(spec.Names[i], values[i]));
            }
            return new RiskResult(Card.Name, Card.Version, risk, band, features);
        }
        finally
        {
            foreach (OrtValue value in inputs.Values)
                value.Dispose();
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private double ReadRisk(ReadOnlySpan<float> values)
    {
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

    private static double Softmax(ReadOnlySpan<float> logits, int index)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (float l in logits)
            max = Math.Max(max, l);
        foreach (float l in logits)
            sum += Math.Exp(l - max);
        return Math.Exp(logits[index] - max) / sum;
    }

    private OrtValue MetadataValue(MetadataInputSpec meta, PatientMetadata patient)
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
            TensorElementType.Float => OrtValue.CreateTensorValueFromMemory(new[] { encoded }, shape),
            TensorElementType.Double => OrtValue.CreateTensorValueFromMemory(new[] { value ?? double.NaN }, shape),
            _ => throw new ModelCardException($"Model '{Card.Name}': metadata input '{meta.Input}' must be float or double, the card says {spec.ElementType}."),
        };
    }
}
