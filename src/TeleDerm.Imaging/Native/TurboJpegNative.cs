using System.Runtime.InteropServices;

namespace TeleDerm.Imaging.Native;

/// <summary>Scaling factor as declared by turbojpeg.h (<c>tjscalingfactor</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TjScalingFactor
{
    public int Num;
    public int Denom;
}

/// <summary>A rectangle as declared by turbojpeg.h (<c>tjregion</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TjRegion
{
    public int X;
    public int Y;
    public int Width;
    public int Height;
}

/// <summary>A lossless transform as declared by turbojpeg.h (<c>tjtransform</c>); no custom filter is used.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TjTransform
{
    public TjRegion Region;
    public int Operation;
    public int Options;
    public void* Data;
    public void* CustomFilter;
}

/// <summary>
/// Function pointers into libjpeg-turbo's TurboJPEG 2.x API (Debian package libturbojpeg0), loaded once.
/// <c>unsigned long</c> is 64-bit on Linux x64, hence <c>nuint</c>.
/// </summary>
internal sealed unsafe class TurboJpegNative
{
    public const string DebianPackage = "libturbojpeg0";

    // Constants from turbojpeg.h.
    public const int PixelFormatRgb = 0;         // TJPF_RGB
    public const int ErrorWarning = 0;           // TJERR_WARNING
    public const int ColorspaceCmyk = 3;         // TJCS_CMYK
    public const int ColorspaceYcck = 4;         // TJCS_YCCK
    public const int Subsampling444 = 0;         // TJSAMP_444
    public const int Subsampling420 = 2;         // TJSAMP_420
    public const int TransformNone = 0;          // TJXOP_NONE
    public const int TransformCrop = 4;          // TJXOPT_CROP
    public const int TransformCopyNone = 64;     // TJXOPT_COPYNONE: no EXIF or other markers in the output

    private static readonly Lazy<TurboJpegNative> Shared = new(() => new TurboJpegNative());

    public static TurboJpegNative Instance => Shared.Value;

    public readonly delegate* unmanaged[Cdecl]<IntPtr> InitDecompress;
    public readonly delegate* unmanaged[Cdecl]<IntPtr> InitCompress;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int*, int*, int*, int*, int> DecompressHeader3;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int> Decompress2;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int, int, byte**, nuint*, int, int, int, int> Compress2;
    public readonly delegate* unmanaged[Cdecl]<int*, TjScalingFactor*> GetScalingFactors;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*> GetErrorStr2;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> GetErrorCode;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> Destroy;
    public readonly delegate* unmanaged[Cdecl]<byte*, void> Free;
    public readonly delegate* unmanaged[Cdecl]<IntPtr> InitTransform;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int, byte**, nuint*, TjTransform*, int, int> Transform;

    private TurboJpegNative()
    {
        IntPtr lib = NativeLibraryLoader.Load(DebianPackage, "libturbojpeg.so.0", "libturbojpeg.so");
        IntPtr Get(string name) => NativeLibraryLoader.Export(lib, DebianPackage, name);

        InitDecompress = (delegate* unmanaged[Cdecl]<IntPtr>)Get("tjInitDecompress");
        InitCompress = (delegate* unmanaged[Cdecl]<IntPtr>)Get("tjInitCompress");
        DecompressHeader3 = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int*, int*, int*, int*, int>)Get("tjDecompressHeader3");
        Decompress2 = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int>)Get("tjDecompress2");
        Compress2 = (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int, int, byte**, nuint*, int, int, int, int>)Get("tjCompress2");
        GetScalingFactors = (delegate* unmanaged[Cdecl]<int*, TjScalingFactor*>)Get("tjGetScalingFactors");
        GetErrorStr2 = (delegate* unmanaged[Cdecl]<IntPtr, byte*>)Get("tjGetErrorStr2");
        GetErrorCode = (delegate* unmanaged[Cdecl]<IntPtr, int>)Get("tjGetErrorCode");
        Destroy = (delegate* unmanaged[Cdecl]<IntPtr, int>)Get("tjDestroy");
        Free = (delegate* unmanaged[Cdecl]<byte*, void>)Get("tjFree");
        InitTransform = (delegate* unmanaged[Cdecl]<IntPtr>)Get("tjInitTransform");
        Transform = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int, byte**, nuint*, TjTransform*, int, int>)Get("tjTransform");
    }

    public string ErrorText(IntPtr handle) => Marshal.PtrToStringUTF8((IntPtr)GetErrorStr2(handle)) ?? "unknown TurboJPEG error";

    /// <summary>The decoder's scaling factors (2/1 … 1/8), read once.</summary>
    public IReadOnlyList<TjScalingFactor> ScalingFactors
    {
        get
        {
            int count;
            TjScalingFactor* factors = GetScalingFactors(&count);
            var list = new TjScalingFactor[factors == null ? 0 : count];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = factors[i];
            }

            return list;
        }
    }
}

/// <summary>Owns a tjhandle so it is destroyed even when decoding throws.</summary>
internal sealed class TurboJpegHandle : SafeHandle
{
    private TurboJpegHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static unsafe TurboJpegHandle ForDecompression() => Create(TurboJpegNative.Instance.InitDecompress());

    public static unsafe TurboJpegHandle ForCompression() => Create(TurboJpegNative.Instance.InitCompress());

    public static unsafe TurboJpegHandle ForTransform() => Create(TurboJpegNative.Instance.InitTransform());

    private static TurboJpegHandle Create(IntPtr raw) =>
        raw == IntPtr.Zero ? throw new OutOfMemoryException("TurboJPEG could not create a handle.") : new TurboJpegHandle(raw);

    protected override unsafe bool ReleaseHandle() => TurboJpegNative.Instance.Destroy(handle) == 0;
}
