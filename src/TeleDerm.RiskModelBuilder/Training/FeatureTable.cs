using TeleDerm.Inference;
using TeleDerm.Inference.Models;
using TeleDerm.RiskScoring;

namespace TeleDerm.RiskModelBuilder.Training;

/// <summary>
/// Image features of every labelled image, computed by running the feature graph through ONNX Runtime
/// on the tensor the scorer would build: training and serving features are the same numbers.
/// </summary>
internal static class FeatureTable
{
    public static double[][] Compute(byte[] featureModel, IReadOnlyList<LabelledImage> images, ImageInputSpec imageSpec, string outputName)
    {
        // One thread: reductions then sum in one fixed order, so the fitted model is byte-identical run to run.
        using var session = OnnxSessions.Open(featureModel, new OnnxSessionSettings { IntraOpThreads = 1 });
        var rows = new double[images.Count][];
        for (int i = 0; i < images.Count; i++)
        {
            FloatTensor image = ImageTensors.FromPhoto(File.ReadAllBytes(images[i].File), imageSpec);
            float[] values = session.RunFloats(new Dictionary<string, FloatTensor> { [imageSpec.Input] = image }, outputName)[outputName];
            if (values.Any(v => !float.IsFinite(v)))
                throw new InvalidDataException($"{images[i].File}: the feature graph returned a value that is not finite: [{string.Join(", ", values)}]");
            rows[i] = [.. values.Select(v => (double)v)];
        }
        return rows;
    }
}
