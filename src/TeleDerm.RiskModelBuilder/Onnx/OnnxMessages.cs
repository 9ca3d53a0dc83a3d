using Google.Protobuf;

namespace TeleDerm.RiskModelBuilder.Onnx;

// Our own subset of onnx.proto (IR version 8), written with Google.Protobuf's CodedOutputStream.
// Field numbers follow the official onnx/onnx.proto; protoc is not available from our registry,
// so each message serializes itself. Only what our graphs need is modelled.

/// <summary>A message that knows its own protobuf wire encoding.</summary>
public abstract class OnnxMessage
{
    internal abstract void WriteFields(CodedOutputStream output);

    public byte[] ToByteArray()
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        WriteFields(output);
        output.Flush();
        return buffer.ToArray();
    }

    internal static void WriteMessage(CodedOutputStream output, int field, OnnxMessage message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message.ToByteArray()));
    }

    internal static void WriteString(CodedOutputStream output, int field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    internal static void WriteInt64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }
}

/// <summary>onnx.ModelProto: ir_version 1, producer_name 2, producer_version 3, domain 4, model_version 5, doc_string 6, graph 7, opset_import 8, metadata_props 14.</summary>
public sealed class ModelProto : OnnxMessage
{
    public long IrVersion { get; init; } = 8;
    public string ProducerName { get; init; } = "";
    public string ProducerVersion { get; init; } = "";
    public long ModelVersion { get; init; }
    public string DocString { get; init; } = "";
    public required GraphProto Graph { get; init; }
    public List<OperatorSetIdProto> OpsetImport { get; } = [];
    public List<KeyValuePair<string, string>> MetadataProps { get; } = [];

    internal override void WriteFields(CodedOutputStream output)
    {
        WriteInt64(output, 1, IrVersion);
        WriteString(output, 2, ProducerName);
        WriteString(output, 3, ProducerVersion);
        if (ModelVersion != 0) WriteInt64(output, 5, ModelVersion);
        WriteString(output, 6, DocString);
        WriteMessage(output, 7, Graph);
        foreach (var opset in OpsetImport) WriteMessage(output, 8, opset);
        foreach (var (key, value) in MetadataProps) WriteMessage(output, 14, new StringStringEntryProto(key, value));
    }
}

/// <summary>onnx.StringStringEntryProto: key 1, value 2.</summary>
public sealed class StringStringEntryProto(string key, string value) : OnnxMessage
{
    internal override void WriteFields(CodedOutputStream output)
    {
        WriteString(output, 1, key);
        WriteString(output, 2, value);
    }
}

/// <summary>onnx.OperatorSetIdProto: domain 1 (empty = ai.onnx), version 2.</summary>
public sealed class OperatorSetIdProto(string domain, long version) : OnnxMessage
{
    internal override void WriteFields(CodedOutputStream output)
    {
        WriteString(output, 1, domain);
        WriteInt64(output, 2, version);
    }
}

/// <summary>onnx.GraphProto: node 1, name 2, initializer 5, doc_string 10, input 11, output 12.</summary>
public sealed class GraphProto : OnnxMessage
{
    public string Name { get; init; } = "";
    public List<NodeProto> Nodes { get; } = [];
    public List<TensorProto> Initializers { get; } = [];
    public List<ValueInfoProto> Inputs { get; } = [];
    public List<ValueInfoProto> Outputs { get; } = [];

    internal override void WriteFields(CodedOutputStream output)
    {
        foreach (var node in Nodes) WriteMessage(output, 1, node);
        WriteString(output, 2, Name);
        foreach (var tensor in Initializers) WriteMessage(output, 5, tensor);
        foreach (var input in Inputs) WriteMessage(output, 11, input);
        foreach (var o in Outputs) WriteMessage(output, 12, o);
    }
}

/// <summary>onnx.NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7.</summary>
public sealed class NodeProto : OnnxMessage
{
    public required string OpType { get; init; }
    public string Name { get; init; } = "";
    public List<string> Inputs { get; } = [];
    public List<string> Outputs { get; } = [];
    public List<AttributeProto> Attributes { get; } = [];

    internal override void WriteFields(CodedOutputStream output)
    {
        foreach (var input in Inputs)
        {
            // An empty name marks an omitted optional input; it must still be written to keep positions.
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(input);
        }
        foreach (var o in Outputs) WriteString(output, 2, o);
        WriteString(output, 3, Name);
        WriteString(output, 4, OpType);
        foreach (var attribute in Attributes) WriteMessage(output, 5, attribute);
    }
}

/// <summary>onnx.AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, type 20.</summary>
public sealed class AttributeProto : OnnxMessage
{
    // AttributeProto.AttributeType values.
    private const int FloatType = 1, IntType = 2, StringType = 3, TensorType = 4, FloatsType = 6, IntsType = 7;

    private AttributeProto(string name, int type) => (Name, Type) = (name, type);

    public string Name { get; }
    public int Type { get; }
    private float _float;
    private long _int;
    private string? _string;
    private TensorProto? _tensor;
    private float[]? _floats;
    private long[]? _ints;

    public static AttributeProto Float(string name, float value) => new(name, FloatType) { _float = value };
    public static AttributeProto Int(string name, long value) => new(name, IntType) { _int = value };
    public static AttributeProto String(string name, string value) => new(name, StringType) { _string = value };
    public static AttributeProto Tensor(string name, TensorProto value) => new(name, TensorType) { _tensor = value };
    public static AttributeProto Floats(string name, params float[] values) => new(name, FloatsType) { _floats = values };
    public static AttributeProto Ints(string name, params long[] values) => new(name, IntsType) { _ints = values };

    internal override void WriteFields(CodedOutputStream output)
    {
        WriteString(output, 1, Name);
        switch (Type)
        {
            case FloatType:
                output.WriteTag(2, WireFormat.WireType.Fixed32);
                output.WriteFloat(_float);
                break;
            case IntType:
                WriteInt64(output, 3, _int);
                break;
            case StringType:
                output.WriteTag(4, WireFormat.WireType.LengthDelimited);
                output.WriteString(_string!);
                break;
            case TensorType:
                WriteMessage(output, 5, _tensor!);
                break;
            case FloatsType:
                foreach (float f in _floats!)
                {
                    output.WriteTag(7, WireFormat.WireType.Fixed32);
                    output.WriteFloat(f);
                }
                break;
            case IntsType:
                foreach (long i in _ints!) WriteInt64(output, 8, i);
                break;
        }
        WriteInt64(output, 20, Type);
    }
}

/// <summary>onnx.TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian element bytes).</summary>
public sealed class TensorProto(string name, int dataType, long[] dims, byte[] rawData) : OnnxMessage
{
    public string Name { get; } = name;
    public int DataType { get; } = dataType;
    public long[] Dims { get; } = dims;

    internal override void WriteFields(CodedOutputStream output)
    {
        foreach (long d in Dims) WriteInt64(output, 1, d);
        WriteInt64(output, 2, DataType);
        WriteString(output, 8, Name);
        output.WriteTag(9, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(rawData));
    }
}

/// <summary>
/// onnx.ValueInfoProto (name 1, type 2) holding a TypeProto (tensor_type 1) of TypeProto.Tensor
/// (elem_type 1, shape 2) with a TensorShapeProto (dim 1) of Dimensions (dim_value 1, dim_param 2).
/// A dimension given as a string is symbolic, a number fixed.
/// </summary>
public sealed class ValueInfoProto(string name, int elementType, IReadOnlyList<object> dims) : OnnxMessage
{
    public string Name { get; } = name;

    internal override void WriteFields(CodedOutputStream output)
    {
        WriteString(output, 1, Name);
        WriteMessage(output, 2, new Nested(o => WriteMessage(o, 1, new Nested(t =>
        {
            WriteInt64(t, 1, elementType);
            WriteMessage(t, 2, new Nested(s =>
            {
                foreach (object dim in dims)
                {
                    WriteMessage(s, 1, new Nested(d =>
                    {
                        if (dim is string param) WriteString(d, 2, param);
                        else WriteInt64(d, 1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
                    }));
                }
            }));
        }))));
    }

    private sealed class Nested(Action<CodedOutputStream> write) : OnnxMessage
    {
        internal override void WriteFields(CodedOutputStream output) => write(output);
    }
}
