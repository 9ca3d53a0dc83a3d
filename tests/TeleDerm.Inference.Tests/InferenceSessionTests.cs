namespace TeleDerm.Inference.Tests;

public sealed class InferenceSessionTests
{
    [Fact]
    public void The_runtime_is_the_official_package_1_32()
    {
        Assert.StartsWith("1.32", OnnxSessions.RuntimeVersion);
        Assert.Equal("Microsoft.ML.OnnxRuntime", typeof(InferenceSession).Assembly.GetName().Name);
    }

    [Fact]
    public void Sessions_run_with_the_settings_asked_for()
    {
        // One thread, no graph optimization: the session loads and adds (the settings reach ORT's options).
        using var session = OnnxSessions.Open(OnnxTestData.NodeModel("test_add"),
            new OnnxSessionSettings { IntraOpThreads = 1, InterOpThreads = 1, Optimization = GraphOptimizationLevel.ORT_DISABLE_ALL });
        var x = Tensor.FromFloat(Enumerable.Range(0, 60).Select(i => (float)i).ToArray(), 3, 4, 5);
        Assert.Equal(118f, session.Run(new Dictionary<string, Tensor> { ["x"] = x, ["y"] = x })["sum"].ToFloatArray()[^1]);
    }

    [Fact]
    public void A_float_run_passes_arrays_in_place_and_returns_only_the_outputs_asked_for()
    {
        using var session = OnnxSessions.Open(TinyOnnxModel.BinaryOperator("Add", TensorElementType.Float, "batch", 3));
        var result = session.RunFloats(new Dictionary<string, FloatTensor>
        {
            ["a"] = new([1f, 2f, 3f], [1, 3]),
            ["b"] = new([10f, 20f, 30f], [1, 3]),
        }, "c");
        Assert.Equal([11f, 22f, 33f], Assert.Single(result).Value);
    }

    [Fact]
    public void A_float_read_refuses_an_output_of_another_element_type()
    {
        using var session = OnnxSessions.Open(TinyOnnxModel.BinaryOperator("Add", TensorElementType.Double, 2));
        using var a = OrtValue.CreateTensorValueFromMemory(new[] { 1.0, 2.0 }, [2]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, new Dictionary<string, OrtValue> { ["a"] = a, ["b"] = a }, ["c"]);
        var error = Assert.Throws<InvalidOperationException>(() => OnnxRuns.Floats(outputs[0], "c").ToArray());
        Assert.Contains("Double", error.Message);
    }

    [Fact]
    public void A_session_from_file_describes_its_inputs_and_outputs()
    {
        using var session = OnnxSessions.Open(OnnxTestData.NodeModel("test_add"));

        Assert.Equal(["x", "y"], session.Inputs().Select(i => i.Name));
        Assert.Equal("sum", Assert.Single(session.Outputs()).Name);
        NodeInfo x = session.Inputs()[0];
        Assert.Equal(OnnxValueKind.Tensor, x.Kind);
        Assert.Equal(TensorElementType.Float, x.ElementType);
        Assert.Equal([3L, 4L, 5L], x.Shape);
        Assert.False(x.HasDynamicDimensions);
    }

    [Fact]
    public void Symbolic_dimensions_are_reported_as_minus_one_with_their_names()
    {
        using var session = OnnxSessions.Open(TinyOnnxModel.BinaryOperator("Add", TensorElementType.Float, "batch", 3));

        NodeInfo a = session.Inputs()[0];
        Assert.Equal([-1L, 3L], a.Shape);
        Assert.Equal(["batch", ""], a.SymbolicDimensions);
        Assert.True(a.HasDynamicDimensions);
        Assert.Equal("a: Float[batch, 3]", a.ToString());
    }

    [Fact]
    public void A_model_with_a_dynamic_batch_runs_with_any_batch_size()
    {
        using var session = OnnxSessions.Open(TinyOnnxModel.BinaryOperator("Add", TensorElementType.Float, "batch", 3));
        foreach (int batch in new[] { 1, 4 })
        {
            float[] a = Enumerable.Range(0, batch * 3).Select(i => (float)i).ToArray();
            float[] b = Enumerable.Repeat(0.5f, batch * 3).ToArray();
            Tensor c = session.Run(new Dictionary<string, Tensor> { ["a"] = Tensor.FromFloat(a, batch, 3), ["b"] = Tensor.FromFloat(b, batch, 3) })["c"];

            Assert.Equal([batch, 3L], c.Shape);
            Assert.Equal(a.Select(v => v + 0.5f), c.ToFloatArray());
        }
    }

    // ORT's CPU Add has no uint8 kernel, so uint8 goes through Max (which returns b here).
    [Theory]
    [InlineData(TensorElementType.Double, "Add")]
    [InlineData(TensorElementType.Int64, "Add")]
    [InlineData(TensorElementType.Int32, "Add")]
    [InlineData(TensorElementType.Float, "Add")]
    [InlineData(TensorElementType.UInt8, "Max")]
    public void Numeric_element_types_go_in_and_come_out(TensorElementType type, string op)
    {
        using var session = OnnxSessions.Open(TinyOnnxModel.BinaryOperator(op, type, 2, 2));
        Tensor Make(int[] values) => type switch
        {
            TensorElementType.Double => Tensor.FromDouble(values.Select(v => (double)v).ToArray(), 2, 2),
            TensorElementType.Int64 => Tensor.FromInt64(values.Select(v => (long)v).ToArray(), 2, 2),
            TensorElementType.Int32 => Tensor.FromInt32(values, 2, 2),
            TensorElementType.Float => Tensor.FromFloat(values.Select(v => (float)v).ToArray(), 2, 2),
            _ => Tensor.FromUInt8(values.Select(v => (byte)v).ToArray(), 2, 2),
        };

        Tensor result = session.Run(new Dictionary<string, Tensor> { ["a"] = Make([1, 2, 3, 4]), ["b"] = Make([10, 20, 30, 40]) })["c"];

        Assert.Equal(type, result.ElementType);
        Assert.Equal(Make(op == "Add" ? [11, 22, 33, 44] : [10, 20, 30, 40]).Data, result.Data);
    }

    [Fact]
    public void Bool_tensors_go_in_and_come_out()
    {
        using var session = OnnxSessions.Open(TinyOnnxModel.BinaryOperator("And", TensorElementType.Bool, 4));
        Tensor result = session.Run(new Dictionary<string, Tensor>
        {
            ["a"] = Tensor.FromBool([true, true, false, false], 4),
            ["b"] = Tensor.FromBool([true, false, true, false], 4),
        })["c"];

        Assert.Equal([true, false, false, false], result.ToBoolArray());
    }

    [Fact]
    public void Bytes_that_are_not_a_model_give_an_onnx_runtime_exception_with_code_and_message()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSessions.Open("not an onnx model"u8.ToArray()));
        // The package puts the native code first in the message: "[ErrorCode:InvalidProtobuf] ...".
        Assert.Matches(@"^\[ErrorCode:\w+\] \S", error.Message);
        Assert.DoesNotContain("ErrorCode:Ok", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_of_the_wrong_element_type_gives_an_invalid_argument_error()
    {
        using var session = OnnxSessions.Open(OnnxTestData.NodeModel("test_add"));
        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, Tensor>
        {
            ["x"] = Tensor.FromDouble(new double[60], 3, 4, 5),
            ["y"] = Tensor.FromDouble(new double[60], 3, 4, 5),
        }));
        Assert.StartsWith("[ErrorCode:InvalidArgument]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_input_name_is_refused_with_its_name()
    {
        using var session = OnnxSessions.Open(OnnxTestData.NodeModel("test_add"));
        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, Tensor> { ["z"] = Tensor.FromFloat([1f], 1) }));
        Assert.Contains("z", error.Message);
    }

    [Fact]
    public void A_missing_model_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => OnnxSessions.Open("/nonexistent/model.onnx"));
    }

    [Fact]
    public void A_tensor_refuses_data_that_does_not_fit_its_shape()
    {
        Assert.Throws<ArgumentException>(() => Tensor.FromFloat([1f, 2f], 3));
        Assert.Throws<ArgumentException>(() => Tensor.FromFloat([1f], -1));
        Assert.Throws<NotSupportedException>(() => new Tensor(TensorElementType.String, [1], [0]));
    }
}
