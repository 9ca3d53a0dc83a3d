namespace TeleDerm.Inference.Tests.Support;

public enum ConformanceOutcome
{
    Passed,
    /// <summary>ONNX Runtime refused the model when loading it (clean OnnxRuntimeException).</summary>
    RejectedAtLoad,
    /// <summary>ONNX Runtime loaded the model but refused to run it with the reference inputs (clean OnnxRuntimeException).</summary>
    RejectedAtRun,
    /// <summary>Inputs or outputs of a kind or element type these tests do not carry (strings, sequences, maps, ...).</summary>
    SkippedUnsupported,
    Mismatch,
    /// <summary>A mismatch listed, with a reason, in the known-differences table.</summary>
    KnownDifference,
}

public sealed record ConformanceResult(string Model, ConformanceOutcome Outcome, string Detail = "");

/// <summary>Runs one conformance model (model.onnx + test_data_set_0) and classifies the outcome.</summary>
internal static class ConformanceCase
{
    public static ConformanceResult Run(string folder, IReadOnlyDictionary<string, string> knownDifferences)
    {
        string id = $"{Path.GetFileName(Path.GetDirectoryName(folder))}/{Path.GetFileName(folder)}";
        InferenceSession session;
        try
        {
            session = OnnxSessions.Open(Path.Combine(folder, "model.onnx"));
        }
        catch (OnnxRuntimeException e)
        {
            return new ConformanceResult(id, ConformanceOutcome.RejectedAtLoad, FirstLine(e.Message));
        }

        using (session)
        {
            string? unsupported = session.Inputs().Concat(session.Outputs())
                .Where(n => n.Kind != OnnxValueKind.Tensor || !n.ElementType.IsSupported())
                .Select(n => n.Kind != OnnxValueKind.Tensor ? $"{n.Kind} value '{n.Name}'" : $"{n.ElementType} tensor '{n.Name}'")
                .FirstOrDefault();
            if (unsupported is not null)
            {
                return new ConformanceResult(id, ConformanceOutcome.SkippedUnsupported, unsupported);
            }

            string data = Path.Combine(folder, "test_data_set_0");
            Dictionary<string, Tensor> inputs;
            List<(string Name, Tensor Tensor)> expected;
            try
            {
                inputs = ReadInputs(data, session);
                expected = ReadOutputs(data, session);
            }
            catch (NotSupportedException e)
            {
                return new ConformanceResult(id, ConformanceOutcome.SkippedUnsupported, $"reference data: {e.Message}");
            }

            IReadOnlyDictionary<string, Tensor> actual;
            try
            {
                actual = session.Run(inputs, expected.Select(e => e.Name).ToArray());
            }
            catch (OnnxRuntimeException e)
            {
                return new ConformanceResult(id, ConformanceOutcome.RejectedAtRun, FirstLine(e.Message));
            }

            var differences = expected
                .Select(e => (e.Name, Difference: TensorComparer.Difference(actual[e.Name], e.Tensor)))
                .Where(d => d.Difference is not null)
                .Select(d => $"output '{d.Name}': {d.Difference}")
                .ToList();
            if (differences.Count == 0)
            {
                return new ConformanceResult(id, ConformanceOutcome.Passed);
            }

            string detail = string.Join("; ", differences);
            return knownDifferences.TryGetValue(id, out string? reason)
                ? new ConformanceResult(id, ConformanceOutcome.KnownDifference, $"{reason} ({detail})")
                : new ConformanceResult(id, ConformanceOutcome.Mismatch, detail);
        }
    }

    /// <summary>input_N.pb by the name it carries, or else the session's N-th input.</summary>
    private static Dictionary<string, Tensor> ReadInputs(string data, InferenceSession session)
    {
        var inputs = new Dictionary<string, Tensor>();
        foreach ((int index, TensorProtoReader.ParsedTensor parsed) in Numbered(data, "input"))
        {
            string name = session.Inputs().Any(i => i.Name == parsed.Name) ? parsed.Name
                : index < session.Inputs().Count ? session.Inputs()[index].Name
                : throw new NotSupportedException($"input_{index}.pb has no matching model input");
            inputs[name] = AsDeclared(parsed.Tensor, session.Inputs().First(i => i.Name == name).ElementType);
        }

        return inputs;
    }

    private static List<(string Name, Tensor Tensor)> ReadOutputs(string data, InferenceSession session)
    {
        var outputs = new List<(string, Tensor)>();
        foreach ((int index, TensorProtoReader.ParsedTensor parsed) in Numbered(data, "output"))
        {
            string name = session.Outputs().Any(o => o.Name == parsed.Name) ? parsed.Name
                : index < session.Outputs().Count ? session.Outputs()[index].Name
                : throw new NotSupportedException($"output_{index}.pb has no matching model output");
            outputs.Add((name, AsDeclared(parsed.Tensor, session.Outputs().First(o => o.Name == name).ElementType)));
        }

        return outputs;
    }

    /// <summary>
    /// ONNX 1.12's reference data stores bfloat16 tensors with data_type UINT16 (same bits); relabel
    /// them as the model declares. Any other disagreement is left for the comparison to report.
    /// </summary>
    private static Tensor AsDeclared(Tensor tensor, TensorElementType declared) =>
        tensor.ElementType == TensorElementType.UInt16 && declared == TensorElementType.BFloat16
            ? new Tensor(TensorElementType.BFloat16, tensor.Shape, tensor.Data)
            : tensor;

    private static IEnumerable<(int Index, TensorProtoReader.ParsedTensor Tensor)> Numbered(string data, string prefix)
    {
        for (int i = 0; File.Exists(Path.Combine(data, $"{prefix}_{i}.pb")); i++)
        {
            yield return (i, TensorProtoReader.Read(File.ReadAllBytes(Path.Combine(data, $"{prefix}_{i}.pb"))));
        }
    }

    private static string FirstLine(string message)
    {
        string line = message.Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
