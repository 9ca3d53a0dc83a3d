using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace TeleDerm.Inference.Tests.Support;

/// <summary>
/// A dense tensor of any fixed-size element type, in managed memory (element type, shape, little-endian
/// bytes): what the conformance data holds and what the tests compare. <see cref="ToOrtValue"/> and
/// <see cref="FromOrtValue"/> copy it into and out of ONNX Runtime.
/// </summary>
public sealed class Tensor
{
    public Tensor(TensorElementType elementType, long[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (!elementType.IsSupported())
        {
            throw new NotSupportedException($"Tensors of {elementType} are not carried by these tests.");
        }

        if (shape.Any(d => d < 0))
        {
            throw new ArgumentException($"A tensor's shape must be concrete, got [{string.Join(", ", shape)}].", nameof(shape));
        }

        long expected = ElementCountOf(shape) * elementType.SizeInBytes();
        if (data.LongLength != expected)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] of {elementType} needs {expected} bytes, got {data.Length}.", nameof(data));
        }

        ElementType = elementType;
        Shape = shape;
        Data = data;
    }

    public TensorElementType ElementType { get; }

    public long[] Shape { get; }

    /// <summary>Raw element bytes in host (little-endian) order.</summary>
    public byte[] Data { get; }

    public long ElementCount => ElementCountOf(Shape);

    public static Tensor FromFloat(float[] values, params long[] shape) => From(TensorElementType.Float, values, shape);

    public static Tensor FromDouble(double[] values, params long[] shape) => From(TensorElementType.Double, values, shape);

    public static Tensor FromInt64(long[] values, params long[] shape) => From(TensorElementType.Int64, values, shape);

    public static Tensor FromInt32(int[] values, params long[] shape) => From(TensorElementType.Int32, values, shape);

    public static Tensor FromUInt8(byte[] values, params long[] shape) => From(TensorElementType.UInt8, values, shape);

    public static Tensor FromBool(bool[] values, params long[] shape) =>
        new(TensorElementType.Bool, shape, values.Select(v => v ? (byte)1 : (byte)0).ToArray());

    /// <summary>The elements reinterpreted as <typeparamref name="T"/>; the caller picks the type matching <see cref="ElementType"/>.</summary>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged
    {
        if (Marshal.SizeOf<T>() != ElementType.SizeInBytes())
        {
            throw new InvalidOperationException($"A {ElementType} tensor cannot be read as {typeof(T).Name}.");
        }

        return MemoryMarshal.Cast<byte, T>(Data);
    }

    public float[] ToFloatArray() => Expect(TensorElementType.Float).AsSpan<float>().ToArray();

    public bool[] ToBoolArray() => Expect(TensorElementType.Bool).Data.Select(b => b != 0).ToArray();

    /// <summary>A native tensor holding a copy of the bytes; the caller disposes it.</summary>
    public OrtValue ToOrtValue()
    {
        _ = OnnxSessions.Runtime; // ORT's environment, telemetry off, before the first native object
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance,
            (Microsoft.ML.OnnxRuntime.Tensors.TensorElementType)(int)ElementType, Shape);
        Data.CopyTo(value.GetTensorMutableRawData());
        return value;
    }

    public static Tensor FromOrtValue(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var type = (TensorElementType)(int)info.ElementDataType;
        return new Tensor(type, info.Shape, value.GetTensorMutableRawData().ToArray());
    }

    public override string ToString() => $"{ElementType}[{string.Join("×", Shape)}]";

    internal static long ElementCountOf(long[] shape) => shape.Aggregate(1L, (count, d) => checked(count * d));

    private static Tensor From<T>(TensorElementType type, T[] values, long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Tensor(type, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    private Tensor Expect(TensorElementType type) =>
        ElementType == type ? this : throw new InvalidOperationException($"The tensor holds {ElementType}, not {type}.");
}
