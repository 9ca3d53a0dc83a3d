using System.Globalization;
using System.Runtime.InteropServices;

namespace TeleDerm.RiskModelBuilder.Onnx;

/// <summary>
/// Builds an ONNX graph node by node with generated value names, so graph code reads like the maths
/// it computes. Names are numbered in creation order, so the same code always gives the same bytes.
/// </summary>
public sealed class GraphBuilder(string graphName)
{
    public const int FloatType = 1, Int64Type = 7, BoolType = 9;
    public const int Opset = 17;

    private readonly GraphProto _graph = new() { Name = graphName };
    private int _counter;

    public string Input(string name, int elementType, params object[] dims)
    {
        _graph.Inputs.Add(new ValueInfoProto(name, elementType, dims));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output under <paramref name="name"/>.</summary>
    public void Output(string name, string value, int elementType, params object[] dims)
    {
        if (name != value) Node("Identity", [value], name);
        _graph.Outputs.Add(new ValueInfoProto(name, elementType, dims));
    }

    public string Constant(float[] values, params long[] dims)
    {
        string name = NewName("const");
        _graph.Initializers.Add(new TensorProto(name, FloatType, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    public string Scalar(float value) => Constant([value]);

    public string Int64s(params long[] values)
    {
        string name = NewName("const");
        _graph.Initializers.Add(new TensorProto(name, Int64Type, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    /// <summary>Adds one node with one output and returns the output's name.</summary>
    public string Op(string opType, string[] inputs, params AttributeProto[] attributes)
    {
        string output = NewName(opType);
        Node(opType, inputs, output, attributes);
        return output;
    }

    /// <summary>Adds one node with several outputs (e.g. TopK's values and indices) and returns their names.</summary>
    public string[] Op(string opType, string[] inputs, int outputs, params AttributeProto[] attributes)
    {
        string[] names = [.. Enumerable.Range(0, outputs).Select(_ => NewName(opType))];
        var node = new NodeProto { OpType = opType, Name = names[0] };
        node.Inputs.AddRange(inputs);
        node.Outputs.AddRange(names);
        node.Attributes.AddRange(attributes);
        _graph.Nodes.Add(node);
        return names;
    }

    public ModelProto Build(string producerVersion, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var model = new ModelProto
        {
            ProducerName = "TeleDerm.RiskModelBuilder",
            ProducerVersion = producerVersion,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto("", Opset));
        model.MetadataProps.AddRange(metadata);
        return model;
    }

    private void Node(string opType, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output };
        node.Inputs.AddRange(inputs);
        node.Outputs.Add(output);
        node.Attributes.AddRange(attributes);
        _graph.Nodes.Add(node);
    }

    private string NewName(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}_{_counter++}");
}
