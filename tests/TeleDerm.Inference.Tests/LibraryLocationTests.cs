using TeleDerm.Inference.Native;

namespace TeleDerm.Inference.Tests;

public sealed class LibraryLocationTests
{
    [Fact]
    public void A_missing_library_error_says_to_run_the_fetch_script()
    {
        string empty = Directory.CreateTempSubdirectory("telederm-ort-").FullName;
        try
        {
            var error = Assert.Throws<DllNotFoundException>(() => OnnxRuntimeLibrary.Locate(null, empty));
            Assert.Contains("scripts/fetch-onnxruntime.sh", error.Message);
            Assert.Contains(OnnxRuntimeLibrary.PathVariable, error.Message);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void The_environment_variable_may_name_the_file_or_its_folder()
    {
        string folder = Directory.CreateTempSubdirectory("telederm-ort-").FullName;
        try
        {
            string file = Path.Combine(folder, OnnxRuntimeLibrary.FileName);
            File.WriteAllBytes(file, []);
            Assert.Equal(file, OnnxRuntimeLibrary.Locate(folder, "/"));
            Assert.Equal(file, OnnxRuntimeLibrary.Locate(file, "/"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_repository_native_folder_is_found_from_the_test_binaries()
    {
        string found = OnnxRuntimeLibrary.Locate(null, AppContext.BaseDirectory);
        Assert.EndsWith(Path.Combine("native", "onnxruntime", "linux-x64", OnnxRuntimeLibrary.FileName), found);
    }

    [Fact]
    public void Sessions_can_run_from_several_threads_at_once()
    {
        using var session = InferenceSession.FromBytes(TinyOnnxModel.BinaryOperator("Add", TensorElementType.Float, "n"));
        Parallel.For(0, 8, worker =>
        {
            for (int i = 0; i < 300; i++)
            {
                float value = (worker * 1000) + i;
                Tensor c = session.Run(new Dictionary<string, Tensor>
                {
                    ["a"] = Tensor.FromFloat([value, value], 2),
                    ["b"] = Tensor.FromFloat([1f, 2f], 2),
                })["c"];
                Assert.Equal(new[] { value + 1, value + 2 }, c.ToFloatArray());
            }
        });
    }
}
