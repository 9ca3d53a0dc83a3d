using System.Runtime.InteropServices;

namespace TeleDerm.Inference.Native;

/// <summary>Copies <see cref="Tensor"/>s into ORT-owned OrtValues and back, and describes type infos.</summary>
internal static unsafe class TensorValues
{
    /// <summary>An OrtValue allocated by ORT's CPU allocator holding a copy of the tensor.</summary>
    public static OrtValueHandle ToOrtValue(OrtApi api, Tensor tensor)
    {
        var value = new OrtValueHandle();
        IntPtr raw;
        fixed (long* shape = tensor.Shape)
        {
            api.Check(api.CreateTensorAsOrtValue(api.DefaultAllocator, shape, (nuint)tensor.Shape.Length, (int)tensor.ElementType, &raw));
        }

        value.Adopt(raw);
        try
        {
            if (tensor.Data.Length > 0)
            {
                void* data;
                api.Check(api.GetTensorMutableData(raw, &data));
                tensor.Data.AsSpan().CopyTo(new Span<byte>(data, tensor.Data.Length));
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>Copies an output OrtValue into a managed tensor (the OrtValue stays owned by the caller).</summary>
    public static Tensor FromOrtValue(OrtApi api, OrtValueHandle value, string name)
    {
        IntPtr raw = value.DangerousGetHandle();
        if (raw == IntPtr.Zero)
        {
            throw new OnnxRuntimeException(OrtErrorCode.Fail, $"ONNX Runtime returned no value for output '{name}'.");
        }

        int kind;
        api.Check(api.GetValueType(raw, &kind));
        if ((OnnxValueKind)kind != OnnxValueKind.Tensor)
        {
            throw new NotSupportedException($"Output '{name}' is a {(OnnxValueKind)kind}; this binding reads tensors only.");
        }

        using var info = new OrtTensorTypeAndShapeInfoHandle();
        IntPtr rawInfo;
        api.Check(api.GetTensorTypeAndShape(raw, &rawInfo));
        info.Adopt(rawInfo);

        int elementType;
        api.Check(api.GetTensorElementType(rawInfo, &elementType));
        var type = (TensorElementType)elementType;
        if (!type.IsSupported())
        {
            throw new NotSupportedException($"Output '{name}' holds {type} elements, which this binding does not read.");
        }

        long[] shape = Dimensions(api, rawInfo);
        nuint count;
        api.Check(api.GetTensorShapeElementCount(rawInfo, &count));
        long byteCount = checked((long)count * type.SizeInBytes());
        var bytes = new byte[byteCount];
        if (byteCount > 0)
        {
            void* data;
            api.Check(api.GetTensorMutableData(raw, &data));
            new ReadOnlySpan<byte>(data, checked((int)byteCount)).CopyTo(bytes);
        }

        return new Tensor(type, shape, bytes);
    }

    /// <summary>Reads kind, element type and (possibly symbolic) shape from an OrtTypeInfo.</summary>
    public static NodeInfo Describe(OrtApi api, string name, IntPtr typeInfo)
    {
        int kind;
        api.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, &kind));
        if ((OnnxValueKind)kind != OnnxValueKind.Tensor)
        {
            return new NodeInfo(name, (OnnxValueKind)kind, TensorElementType.Undefined, [], []);
        }

        // The tensor info belongs to the type info: not released separately.
        IntPtr tensorInfo;
        api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        int elementType;
        api.Check(api.GetTensorElementType(tensorInfo, &elementType));
        long[] shape = Dimensions(api, tensorInfo);
        var symbolic = new string[shape.Length];
        if (shape.Length > 0)
        {
            byte** names = stackalloc byte*[shape.Length];
            api.Check(api.GetSymbolicDimensions(tensorInfo, names, (nuint)shape.Length));
            for (int i = 0; i < shape.Length; i++)
            {
                symbolic[i] = names[i] == null ? "" : Marshal.PtrToStringUTF8((IntPtr)names[i]) ?? "";
            }
        }

        return new NodeInfo(name, OnnxValueKind.Tensor, (TensorElementType)elementType, shape, symbolic);
    }

    private static long[] Dimensions(OrtApi api, IntPtr tensorInfo)
    {
        nuint rank;
        api.Check(api.GetDimensionsCount(tensorInfo, &rank));
        var dims = new long[(int)rank];
        if (rank > 0)
        {
            fixed (long* d = dims)
            {
                api.Check(api.GetDimensions(tensorInfo, d, rank));
            }
        }

        return dims;
    }
}
