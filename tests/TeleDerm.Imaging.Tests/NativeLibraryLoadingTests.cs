using TeleDerm.Imaging.Native;

namespace TeleDerm.Imaging.Tests;

public sealed class NativeLibraryLoadingTests
{
    [Fact]
    public void A_missing_native_library_names_the_debian_package_to_install()
    {
        var error = Assert.Throws<DllNotFoundException>(() => NativeLibraryLoader.Load("libexample9", "libexample-missing.so.9"));
        Assert.Contains("apt-get install libexample9", error.Message);
    }

    [Fact]
    public void The_debian_libraries_load_by_their_versioned_names()
    {
        Assert.NotEqual(IntPtr.Zero, NativeLibraryLoader.Load(TurboJpegNative.DebianPackage, "libturbojpeg.so.0"));
        Assert.NotEqual(IntPtr.Zero, NativeLibraryLoader.Load(SpngNative.DebianPackage, "libspng.so.0"));
        Assert.NotEqual(IntPtr.Zero, NativeLibraryLoader.Load(HeifNative.DebianPackage, "libheif.so.1"));
    }

    [Fact]
    public void TurboJpeg_offers_the_one_half_quarter_and_eighth_scales()
    {
        var factors = TurboJpegNative.Instance.ScalingFactors.Select(f => $"{f.Num}/{f.Denom}").ToList();
        Assert.Contains("1/2", factors);
        Assert.Contains("1/4", factors);
        Assert.Contains("1/8", factors);
    }
}
