using TeleDerm.Inference;
using TeleDerm.Inference.Models;
using TeleDerm.RiskScoring;

namespace TeleDerm.RiskModelBuilder.Training;

/// <summary>
/// Image features of every labelled image, computed by running the feature graph through our ONNX Runtime
/// binding on the tensor the scorer would build: training and serving features are the same numbers.
/// </summary>
internal static class FeatureTable
{
    public static double[][] Compute(byte[] featureModel, IReadOnlyList<LabelledImage> images, ImageInputSpec imageSpec, string outputName)
    {
        // One thread: reductions then sum in one fixed order, so the fitted model is byte-identical run to run.
        using var session = InferenceSession.FromBytes(featureModel, new SessionOptions { IntraOpThreads = 1 });
        var rows = new double[images.Count][];
        for (int i = 0; i < images.Count; i++)
        {
            Tensor image = ImageTensors.FromPhoto(File.ReadAllBytes(images[i].File), imageSpec);
            float[] values = session.Run(new Dictionary<string, Tensor> { [imageSpec.Input] = image })[outputName].ToFloatArray();
            if (values.Any(v => !float.IsFinite(v)))
                throw new InvalidDataException($"{images[i].File}: the feature graph returned a value that is not finite: [{string.Join(", ", values)}]");
            rows[i] = [.. values.Select(v => (double)v)];
        }
        return rows;
    }
}
