using System.Runtime.InteropServices;

namespace TeleDerm.Imaging.Native;

/// <summary><c>struct spng_ihdr</c> from spng.h (0.7).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SpngIhdr
{
    public uint Width;
    public uint Height;
    public byte BitDepth;
    public byte ColorType;
    public byte CompressionMethod;
    public byte FilterMethod;
    public byte InterlaceMethod;
}

/// <summary>Function pointers into libspng 0.7 (Debian package libspng0), loaded once.</summary>
internal sealed unsafe class SpngNative
{
    public const string DebianPackage = "libspng0";

    // From spng.h.
    public const int FormatRgba8 = 1;         // SPNG_FMT_RGBA8
    public const int FormatRgb8 = 4;          // SPNG_FMT_RGB8
    public const int DecodeTransparency = 1;  // SPNG_DECODE_TRNS
    public const int IoEof = -1;              // SPNG_IO_EOF
    public const int ErrorUserWidth = 7;      // SPNG_EUSER_WIDTH
    public const int ErrorUserHeight = 8;     // SPNG_EUSER_HEIGHT

    private static readonly Lazy<SpngNative> Shared = new(() => new SpngNative());

    public static SpngNative Instance => Shared.Value;

    public readonly delegate* unmanaged[Cdecl]<int, IntPtr> CtxNew;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> CtxFree;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int> SetPngBuffer;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, uint, uint, int> SetImageLimits;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, nuint, int> SetChunkLimits;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, SpngIhdr*, int> GetIhdr;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, nuint*, int> DecodedImageSize;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int, int, int> DecodeImage;
    public readonly delegate* unmanaged[Cdecl]<int, byte*> StrError;

    private SpngNative()
    {
        IntPtr lib = NativeLibraryLoader.Load(DebianPackage, "libspng.so.0", "libspng.so");
        IntPtr Get(string name) => NativeLibraryLoader.Export(lib, DebianPackage, name);

        CtxNew = (delegate* unmanaged[Cdecl]<int, IntPtr>)Get("spng_ctx_new");
        CtxFree = (delegate* unmanaged[Cdecl]<IntPtr, void>)Get("spng_ctx_free");
        SetPngBuffer = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int>)Get("spng_set_png_buffer");
        SetImageLimits = (delegate* unmanaged[Cdecl]<IntPtr, uint, uint, int>)Get("spng_set_image_limits");
        SetChunkLimits = (delegate* unmanaged[Cdecl]<IntPtr, nuint, nuint, int>)Get("spng_set_chunk_limits");
        GetIhdr = (delegate* unmanaged[Cdecl]<IntPtr, SpngIhdr*, int>)Get("spng_get_ihdr");
        DecodedImageSize = (delegate* unmanaged[Cdecl]<IntPtr, int, nuint*, int>)Get("spng_decoded_image_size");
        DecodeImage = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int, int, int>)Get("spng_decode_image");
        StrError = (delegate* unmanaged[Cdecl]<int, byte*>)Get("spng_strerror");
    }

    public string ErrorText(int code) => Marshal.PtrToStringUTF8((IntPtr)StrError(code)) ?? $"libspng error {code}";
}

/// <summary>Owns a spng_ctx so it is freed even when decoding throws.</summary>
internal sealed class SpngContext : SafeHandle
{
    private SpngContext(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static unsafe SpngContext Create()
    {
        IntPtr raw = SpngNative.Instance.CtxNew(0);
        return raw == IntPtr.Zero ? throw new OutOfMemoryException("libspng could not create a context.") : new SpngContext(raw);
    }

    protected override unsafe bool ReleaseHandle()
    {
        SpngNative.Instance.CtxFree(handle);
        return true;
    }
}
