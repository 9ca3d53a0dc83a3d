using Microsoft.ML.OnnxRuntime;

namespace TeleDerm.Inference;

/// <summary>A float tensor in managed memory; ONNX Runtime reads it in place (no copy) while a run lasts.</summary>
public sealed record FloatTensor(float[] Values, long[] Shape);

/// <summary>Runs on managed arrays, with every native value released before returning.</summary>
public static class OnnxRuns
{
    /// <summary>Runs <paramref name="session"/> on float inputs and copies the named float outputs out.</summary>
    public static Dictionary<string, float[]> RunFloats(this InferenceSession session, IReadOnlyDictionary<string, FloatTensor> inputs,
        params string[] outputNames)
    {
        var values = new Dictionary<string, OrtValue>(inputs.Count);
        try
        {
            foreach (var (name, tensor) in inputs)
                values[name] = OrtValue.CreateTensorValueFromMemory(tensor.Values, tensor.Shape);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, values, outputNames);
            var result = new Dictionary<string, float[]>(outputNames.Length);
            int index = 0;
            foreach (OrtValue output in outputs)
            {
                string name = outputNames[index++];
                result[name] = Floats(output, name).ToArray();
            }
            return result;
        }
        finally
        {
            foreach (OrtValue value in values.Values)
                value.Dispose();
        }
    }

    /// <summary>The elements of a float output; any other element type is a clear error, not reinterpreted bytes.</summary>
    public static ReadOnlySpan<float> Floats(OrtValue output, string name)
    {
        var type = output.GetTensorTypeAndShape().ElementDataType;
        if (type != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
            throw new InvalidOperationException($"Output '{name}' holds {type} elements, not float.");
        return output.GetTensorDataAsSpan<float>();
    }
}
