using System.Runtime.InteropServices;

namespace TeleDerm.Imaging.Native;

/// <summary><c>struct heif_error</c> from heif.h; returned by value (16 bytes, in two registers on x64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct HeifError
{
    public int Code;
    public int Subcode;
    public IntPtr Message;

    public readonly bool IsOk => Code == 0;

    public readonly string Text => Marshal.PtrToStringUTF8(Message) ?? $"libheif error {Code}/{Subcode}";
}

/// <summary>Function pointers into libheif 1.x (Debian package libheif1), loaded once.</summary>
internal sealed unsafe class HeifNative
{
    public const string DebianPackage = "libheif1";

    // From heif.h.
    public const int ColorspaceRgb = 1;             // heif_colorspace_RGB
    public const int ChromaInterleavedRgb = 10;     // heif_chroma_interleaved_RGB
    public const int ChannelInterleaved = 10;       // heif_channel_interleaved
    public const int ErrorInvalidInput = 2;         // heif_error_Invalid_input
    public const int ErrorUnsupportedFiletype = 3;  // heif_error_Unsupported_filetype
    public const int ErrorUnsupportedFeature = 4;   // heif_error_Unsupported_feature
    public const int ErrorDecoderPlugin = 7;        // heif_error_Decoder_plugin_error
    public const int SuberrorEndOfData = 100;       // heif_suberror_End_of_data
    public const int SuberrorSecurityLimit = 1000;  // heif_suberror_Security_limit_exceeded

    private static readonly Lazy<HeifNative> Shared = new(() => new HeifNative());

    public static HeifNative Instance => Shared.Value;

    public readonly delegate* unmanaged[Cdecl]<IntPtr> ContextAlloc;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ContextFree;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, IntPtr, HeifError> ReadFromMemoryWithoutCopy;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, HeifError> GetPrimaryImageHandle;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> HandleGetWidth;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> HandleGetHeight;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> HandleRelease;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, int, int, IntPtr, HeifError> DecodeImage;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> ImageGetWidth;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> ImageGetHeight;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, int*, byte*> ImageGetPlaneReadonly;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ImageRelease;

    private HeifNative()
    {
        IntPtr lib = NativeLibraryLoader.Load(DebianPackage, "libheif.so.1", "libheif.so");
        IntPtr Get(string name) => NativeLibraryLoader.Export(lib, DebianPackage, name);

        ContextAlloc = (delegate* unmanaged[Cdecl]<IntPtr>)Get("heif_context_alloc");
        ContextFree = (delegate* unmanaged[Cdecl]<IntPtr, void>)Get("heif_context_free");
        ReadFromMemoryWithoutCopy = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, IntPtr, HeifError>)Get("heif_context_read_from_memory_without_copy");
        GetPrimaryImageHandle = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, HeifError>)Get("heif_context_get_primary_image_handle");
        HandleGetWidth = (delegate* unmanaged[Cdecl]<IntPtr, int>)Get("heif_image_handle_get_width");
        HandleGetHeight = (delegate* unmanaged[Cdecl]<IntPtr, int>)Get("heif_image_handle_get_height");
        HandleRelease = (delegate* unmanaged[Cdecl]<IntPtr, void>)Get("heif_image_handle_release");
        DecodeImage = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, int, int, IntPtr, HeifError>)Get("heif_decode_image");
        ImageGetWidth = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)Get("heif_image_get_width");
        ImageGetHeight = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)Get("heif_image_get_height");
        ImageGetPlaneReadonly = (delegate* unmanaged[Cdecl]<IntPtr, int, int*, byte*>)Get("heif_image_get_plane_readonly");
        ImageRelease = (delegate* unmanaged[Cdecl]<IntPtr, void>)Get("heif_image_release");
    }
}
