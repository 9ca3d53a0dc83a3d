using System.Buffers.Binary;

namespace TeleDerm.Inference.Tests.Support;

/// <summary>
/// Compares an output with its reference: same element type and shape; integers and booleans exactly;
/// floating point within |actual − expected| ≤ atol + rtol·|expected| (NaN matches NaN, infinities
/// must be equal). rtol 1e-3 / atol 1e-5 for float and double (ONNX's own backend tests use rtol 1e-3);
/// looser for the 16-bit formats, whose own resolution is about 1e-3 (float16) and 8e-3 (bfloat16).
/// </summary>
internal static class TensorComparer
{
    public static string? Difference(Tensor actual, Tensor expected)
    {
        if (actual.ElementType != expected.ElementType)
        {
            return $"element type {actual.ElementType}, expected {expected.ElementType}";
        }

        if (!actual.Shape.SequenceEqual(expected.Shape))
        {
            return $"shape [{string.Join(",", actual.Shape)}], expected [{string.Join(",", expected.Shape)}]";
        }

        (double rtol, double atol) = actual.ElementType switch
        {
            TensorElementType.Float16 => (4e-3, 1e-3),
            TensorElementType.BFloat16 => (1.6e-2, 1e-2),
            _ => (1e-3, 1e-5),
        };

        bool floating = actual.ElementType is TensorElementType.Float or TensorElementType.Double or TensorElementType.Float16 or TensorElementType.BFloat16;
        int size = actual.ElementType.SizeInBytes();
        int mismatches = 0;
        string? first = null;
        double largestError = 0, largestExpected = 0;
        for (long i = 0; i < actual.ElementCount; i++)
        {
            ReadOnlySpan<byte> a = actual.Data.AsSpan((int)(i * size), size);
            ReadOnlySpan<byte> e = expected.Data.AsSpan((int)(i * size), size);
            bool equal = floating ? Close(ToDouble(actual.ElementType, a), ToDouble(actual.ElementType, e), rtol, atol) : a.SequenceEqual(e);
            if (floating)
            {
                largestExpected = Math.Max(largestExpected, Math.Abs(ToDouble(actual.ElementType, e)));
                if (!equal) largestError = Math.Max(largestError, Math.Abs(ToDouble(actual.ElementType, a) - ToDouble(actual.ElementType, e)));
            }

            if (!equal)
            {
                mismatches++;
                first ??= floating
                    ? $"element {i}: {ToDouble(actual.ElementType, a):R}, expected {ToDouble(actual.ElementType, e):R}"
                    : $"element {i}: bytes {Convert.ToHexString(a)}, expected {Convert.ToHexString(e)}";
            }
        }

        string scale = floating ? $"; largest error {largestError:G3} where the largest |expected| is {largestExpected:G3}" : "";
        return mismatches == 0 ? null : $"{mismatches} of {actual.ElementCount} elements differ; first at {first}{scale}";
    }

    private static bool Close(double actual, double expected, double rtol, double atol)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return actual == expected;
        }

        return Math.Abs(actual - expected) <= atol + (rtol * Math.Abs(expected));
    }

    private static double ToDouble(TensorElementType type, ReadOnlySpan<byte> bytes) => type switch
    {
        TensorElementType.Float => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        TensorElementType.Double => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        TensorElementType.Float16 => (double)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes)),
        // bfloat16 is the upper half of a float32.
        TensorElementType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
