using System.Text;

namespace TeleDerm.Inference.Tests.Support;

/// <summary>
/// Writes minimal ONNX ModelProto bytes for one binary operator (e.g. Add) with named inputs
/// "a", "b" and output "c", straight in protobuf wire format. Dimensions given as text become
/// symbolic (dim_param), numbers become fixed (dim_value).
/// </summary>
internal static class TinyOnnxModel
{
    public static byte[] BinaryOperator(string opType, TensorElementType type, params object[] dims)
    {
        byte[] node = Message(w =>
        {
            w.String(1, "a");
            w.String(1, "b");
            w.String(2, "c");
            w.String(4, opType);
        });
        byte[] graph = Message(w =>
        {
            w.Bytes(1, node);
            w.String(2, "tiny");
            w.Bytes(11, ValueInfo("a", type, dims));
            w.Bytes(11, ValueInfo("b", type, dims));
            w.Bytes(12, ValueInfo("c", type, dims));
        });
        return Message(w =>
        {
            w.Varint(1, 8); // ir_version
            w.String(2, "TeleDerm tests");
            w.Bytes(7, graph);
            w.Bytes(8, Message(o => { o.String(1, ""); o.Varint(2, 13); })); // opset 13
        });
    }

    private static byte[] ValueInfo(string name, TensorElementType type, object[] dims)
    {
        byte[] shape = Message(s =>
        {
            foreach (object dim in dims)
            {
                s.Bytes(1, Message(d =>
                {
                    if (dim is string param) d.String(2, param);
                    else d.Varint(1, Convert.ToUInt64(dim));
                }));
            }
        });
        byte[] tensorType = Message(t => { t.Varint(1, (ulong)type); t.Bytes(2, shape); });
        return Message(v => { v.String(1, name); v.Bytes(2, Message(t => t.Bytes(1, tensorType))); });
    }

    private static byte[] Message(Action<Writer> build)
    {
        var writer = new Writer();
        build(writer);
        return writer.Stream.ToArray();
    }

    private sealed class Writer
    {
        public MemoryStream Stream { get; } = new();

        public void Varint(int field, ulong value)
        {
            Raw(((ulong)field << 3) | 0);
            Raw(value);
        }

        public void Bytes(int field, byte[] value)
        {
            Raw(((ulong)field << 3) | 2);
            Raw((ulong)value.Length);
            Stream.Write(value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        private void Raw(ulong value)
        {
            do
            {
                byte b = (byte)(value & 0x7F);
                value >>= 7;
                Stream.WriteByte(value != 0 ? (byte)(b | 0x80) : b);
            }
            while (value != 0);
        }
    }
}
