using Microsoft.ML.OnnxRuntime;

namespace TeleDerm.Inference.Tests.Support;

/// <summary>Runs a session on test tensors of any element type, releasing every native value before returning.</summary>
internal static class SessionRuns
{
    public static IReadOnlyDictionary<string, Tensor> Run(this InferenceSession session, IReadOnlyDictionary<string, Tensor> inputs,
        IReadOnlyList<string>? outputNames = null)
    {
        outputNames ??= session.OutputNames;
        var values = inputs.ToDictionary(i => i.Key, i => i.Value.ToOrtValue());
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, values, outputNames);
            return outputNames.Zip(outputs).ToDictionary(o => o.First, o => Tensor.FromOrtValue(o.Second));
        }
        finally
        {
            foreach (OrtValue value in values.Values)
                value.Dispose();
        }
    }
}
