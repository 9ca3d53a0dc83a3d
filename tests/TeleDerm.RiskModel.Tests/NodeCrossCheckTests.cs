using System.Runtime.InteropServices;
using System.Text.Json;
using TeleDerm.Inference;
using TeleDerm.RiskModelBuilder;
using TeleDerm.RiskScoring;

namespace TeleDerm.RiskModel.Tests;

/// <summary>ONNX Runtime as we run it (the NuGet package) and onnxruntime-node give the same outputs for the default model on the same tensors.</summary>
public sealed class NodeCrossCheckTests
{
    [Fact]
    public void The_default_model_gives_the_same_risk_and_features_in_node()
    {
        string work = Directory.CreateTempSubdirectory("teleDerm-node-check-").FullName;
        try
        {
            var cases = new (string IsicId, float Age)[] { ("ISIC_0000148", 70), ("ISIC_0014317", float.NaN), ("ISIC_0015200", 35) };
            using var session = OnnxSessions.Open(RepoPaths.DefaultModel);
            foreach (var (isicId, age) in cases)
            {
                FloatTensor image = ImageTensors.FromPhoto(File.ReadAllBytes(RepoPaths.DermoscopyImage(isicId)), DefaultModelBuilder.ImageSpec);
                FloatTensor ageTensor = new([age], [1, 1]);
                var ours = session.RunFloats(new Dictionary<string, FloatTensor> { ["image"] = image, ["age_years"] = ageTensor }, "risk", "features");

                File.WriteAllBytes(Path.Combine(work, "image.f32"), MemoryMarshal.AsBytes(image.Values.AsSpan()).ToArray());
                File.WriteAllBytes(Path.Combine(work, "age.f32"), MemoryMarshal.AsBytes(ageTensor.Values.AsSpan()).ToArray());
                string inputs = Path.Combine(work, "inputs.json");
                File.WriteAllText(inputs, JsonSerializer.Serialize(new object[]
                {
                    new { name = "image", dims = image.Shape, file = Path.Combine(work, "image.f32") },
                    new { name = "age_years", dims = ageTensor.Shape, file = Path.Combine(work, "age.f32") },
                }));
                var (exit, output) = NodeOnnxRuntime.Run("node", work, Path.Combine(AppContext.BaseDirectory, "Support", "node-run-model.cjs"),
                    NodeOnnxRuntime.Prefix, RepoPaths.DefaultModel, inputs);
                Assert.True(exit == 0, $"node failed (exit {exit}):\n{output}");

                using var node = JsonDocument.Parse(output);
                foreach (string name in new[] { "risk", "features" })
                {
                    float[] expected = [.. node.RootElement.GetProperty(name).GetProperty("data").EnumerateArray().Select(e => e.GetSingle())];
                    float[] actual = ours[name];
                    Assert.Equal(expected.Length, actual.Length);
                    for (int i = 0; i < actual.Length; i++)
                    {
                        double tolerance = 1e-5 + 1e-4 * Math.Abs(expected[i]);
                        Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"{isicId} {name}[{i}]: ours {actual[i]}, node {expected[i]}");
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
