using System.Runtime.InteropServices;

namespace TeleDerm.Imaging.Native;

/// <summary>
/// Keeps a native handle open while its raw pointer is passed to native calls: the reference added here stops a
/// concurrent <c>Dispose</c> or the finalizer from freeing it mid-call, and is released when the lease is disposed.
/// </summary>
internal readonly ref struct HandleLease
{
    private readonly SafeHandle handle;
    private readonly bool added;

    public HandleLease(SafeHandle handle)
    {
        this.handle = handle;
        bool addedReference = false;
        handle.DangerousAddRef(ref addedReference);
        added = addedReference;
        Pointer = handle.DangerousGetHandle();
    }

    public IntPtr Pointer { get; }

    public void Dispose()
    {
        if (added)
        {
            handle.DangerousRelease();
        }
    }
}
