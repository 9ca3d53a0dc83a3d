using System.Runtime.InteropServices;

namespace TeleDerm.Imaging.Native;

/// <summary>
/// Loads a system library by its versioned soname (Debian ships only <c>libX.so.N</c> without the
/// development package) and resolves exports; a missing library names the Debian package to install.
/// </summary>
internal static class NativeLibraryLoader
{
    public static IntPtr Load(string debianPackage, params string[] names)
    {
        foreach (string name in names)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            $"Could not load {string.Join(" or ", names)}. Install the Debian package '{debianPackage}' (apt-get install {debianPackage}).");
    }

    public static IntPtr Export(IntPtr library, string debianPackage, string name)
    {
        if (NativeLibrary.TryGetExport(library, name, out IntPtr address))
        {
            return address;
        }

        throw new EntryPointNotFoundException(
            $"The library from '{debianPackage}' has no function '{name}'; the installed version is too old.");
    }
}
