using System.Runtime.InteropServices;

namespace TeleDerm.Inference.Native;

/// <summary>Base for ORT objects: released exactly once by the matching Release* function, even on exceptions or finalization.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Adopts a raw pointer just returned by an ORT Create* call.</summary>
    internal void Adopt(IntPtr raw) => SetHandle(raw);
}

internal sealed class OrtEnvHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OrtApi.Instance.ReleaseEnv(handle);
        return true;
    }
}

internal sealed class OrtSessionOptionsHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OrtApi.Instance.ReleaseSessionOptions(handle);
        return true;
    }
}

internal sealed class OrtSessionHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OrtApi.Instance.ReleaseSession(handle);
        return true;
    }
}

internal sealed class OrtValueHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OrtApi.Instance.ReleaseValue(handle);
        return true;
    }
}

internal sealed class OrtMemoryInfoHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OrtApi.Instance.ReleaseMemoryInfo(handle);
        return true;
    }
}

internal sealed class OrtTypeInfoHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OrtApi.Instance.ReleaseTypeInfo(handle);
        return true;
    }
}

internal sealed class OrtTensorTypeAndShapeInfoHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OrtApi.Instance.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}
