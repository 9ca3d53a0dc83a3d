using System.Runtime.InteropServices;

namespace TeleDerm.Inference.Native;

/// <summary>A native array of NUL-terminated UTF-8 strings (for ORT's <c>const char* const*</c> name lists), freed on dispose.</summary>
internal sealed unsafe class Utf8StringArray : IDisposable
{
    private readonly IntPtr[] _strings;

    public Utf8StringArray(IReadOnlyList<string> values)
    {
        _strings = new IntPtr[values.Count];
        Pointers = (IntPtr*)NativeMemory.Alloc((nuint)Math.Max(1, values.Count), (nuint)sizeof(IntPtr));
        for (int i = 0; i < values.Count; i++)
        {
            _strings[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            Pointers[i] = _strings[i];
        }
    }

    public IntPtr* Pointers { get; private set; }

    public void Dispose()
    {
        if (Pointers == null)
        {
            return;
        }

        foreach (IntPtr s in _strings)
        {
            Marshal.FreeCoTaskMem(s);
        }

        NativeMemory.Free(Pointers);
        Pointers = null;
    }
}
