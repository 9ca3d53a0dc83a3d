using System.Buffers.Binary;
using System.Text;

namespace TeleDerm.Inference.Tests.Support;

/// <summary>
/// Reads the few fields of ONNX's TensorProto that reference data uses, straight from the protobuf
/// wire format: dims=1, data_type=2, float_data=4, int32_data=5, string_data=6, int64_data=7,
/// name=8, raw_data=9, double_data=10, uint64_data=11, data_location=14. Repeated numeric fields may
/// be packed (one length-delimited record) or not (one record per element); both are accepted.
/// </summary>
internal static class TensorProtoReader
{
    public sealed record ParsedTensor(string Name, Tensor Tensor);

    public static ParsedTensor Read(byte[] proto)
    {
        var dims = new List<long>();
        int dataType = 0;
        string name = "";
        byte[]? raw = null;
        var floats = new List<float>();
        var doubles = new List<double>();
        var int32s = new List<long>();
        var int64s = new List<long>();
        var uint64s = new List<ulong>();
        bool hasStrings = false;
        bool external = false;

        int pos = 0;
        while (pos < proto.Length)
        {
            ulong key = ReadVarint(proto, ref pos);
            int field = (int)(key >> 3);
            int wire = (int)(key & 7);
            switch (field, wire)
            {
                case (1, 0): dims.Add((long)ReadVarint(proto, ref pos)); break;
                case (1, 2): foreach (ulong v in Packed(proto, ref pos)) dims.Add((long)v); break;
                case (2, 0): dataType = (int)ReadVarint(proto, ref pos); break;
                case (4, 5): floats.Add(BinaryPrimitives.ReadSingleLittleEndian(proto.AsSpan(pos, 4))); pos += 4; break;
                case (4, 2):
                    foreach (ReadOnlyMemory<byte> chunk in Fixed(proto, ref pos, 4)) floats.Add(BinaryPrimitives.ReadSingleLittleEndian(chunk.Span));
                    break;
                case (5, 0): int32s.Add((long)ReadVarint(proto, ref pos)); break;
                case (5, 2): foreach (ulong v in Packed(proto, ref pos)) int32s.Add((long)v); break;
                case (6, 2): hasStrings = true; Bytes(proto, ref pos); break;
                case (7, 0): int64s.Add((long)ReadVarint(proto, ref pos)); break;
                case (7, 2): foreach (ulong v in Packed(proto, ref pos)) int64s.Add((long)v); break;
                case (8, 2): name = Encoding.UTF8.GetString(Bytes(proto, ref pos)); break;
                case (9, 2): raw = Bytes(proto, ref pos).ToArray(); break;
                case (10, 1): doubles.Add(BinaryPrimitives.ReadDoubleLittleEndian(proto.AsSpan(pos, 8))); pos += 8; break;
                case (10, 2):
                    foreach (ReadOnlyMemory<byte> chunk in Fixed(proto, ref pos, 8)) doubles.Add(BinaryPrimitives.ReadDoubleLittleEndian(chunk.Span));
                    break;
                case (11, 0): uint64s.Add(ReadVarint(proto, ref pos)); break;
                case (11, 2): uint64s.AddRange(Packed(proto, ref pos)); break;
                case (14, 0): external = ReadVarint(proto, ref pos) == 1; break;
                default: Skip(proto, ref pos, wire); break;
            }
        }

        var type = (TensorElementType)dataType;
        if (external)
        {
            throw new NotSupportedException("tensor data stored in an external file");
        }

        if (type == TensorElementType.String || hasStrings)
        {
            throw new NotSupportedException("string tensor");
        }

        if (!type.IsSupported())
        {
            throw new NotSupportedException($"{type} tensor");
        }

        long[] shape = [.. dims];
        long count = Tensor.ElementCountOf(shape);
        byte[] data = raw ?? FromTypedFields(type, count, floats, doubles, int32s, int64s, uint64s);
        return new ParsedTensor(name, new Tensor(type, shape, data));
    }

    private static byte[] FromTypedFields(TensorElementType type, long count, List<float> floats, List<double> doubles,
        List<long> int32s, List<long> int64s, List<ulong> uint64s)
    {
        int size = type.SizeInBytes();
        var data = new byte[count * size];
        for (int i = 0; i < count; i++)
        {
            Span<byte> target = data.AsSpan(i * size, size);
            switch (type)
            {
                case TensorElementType.Float: BinaryPrimitives.WriteSingleLittleEndian(target, floats[i]); break;
                case TensorElementType.Double: BinaryPrimitives.WriteDoubleLittleEndian(target, doubles[i]); break;
                case TensorElementType.Int64: BinaryPrimitives.WriteInt64LittleEndian(target, int64s[i]); break;
                case TensorElementType.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(target, uint64s[i]); break;
                case TensorElementType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)uint64s[i]); break;
                case TensorElementType.Int32: BinaryPrimitives.WriteInt32LittleEndian(target, (int)int32s[i]); break;
                default:
                    // int8/16, uint8/16, bool, float16 and bfloat16 (as bit patterns) all live in int32_data.
                    long v = int32s[i];
                    for (int b = 0; b < size; b++) target[b] = (byte)(v >> (8 * b));
                    break;
            }
        }

        return data;
    }

    private static ulong ReadVarint(byte[] p, ref int pos)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = p[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("varint longer than 10 bytes");
    }

    private static ReadOnlySpan<byte> Bytes(byte[] p, ref int pos)
    {
        int length = checked((int)ReadVarint(p, ref pos));
        var span = p.AsSpan(pos, length);
        pos += length;
        return span;
    }

    private static List<ulong> Packed(byte[] p, ref int pos)
    {
        int length = checked((int)ReadVarint(p, ref pos));
        int end = pos + length;
        var values = new List<ulong>();
        while (pos < end) values.Add(ReadVarint(p, ref pos));
        return values;
    }

    private static List<ReadOnlyMemory<byte>> Fixed(byte[] p, ref int pos, int width)
    {
        int length = checked((int)ReadVarint(p, ref pos));
        var values = new List<ReadOnlyMemory<byte>>(length / width);
        for (int i = 0; i < length; i += width) values.Add(p.AsMemory(pos + i, width));
        pos += length;
        return values;
    }

    private static void Skip(byte[] p, ref int pos, int wire)
    {
        switch (wire)
        {
            case 0: ReadVarint(p, ref pos); break;
            case 1: pos += 8; break;
            case 2: Bytes(p, ref pos); break;
            case 5: pos += 4; break;
            default: throw new InvalidDataException($"unsupported protobuf wire type {wire}");
        }
    }
}
