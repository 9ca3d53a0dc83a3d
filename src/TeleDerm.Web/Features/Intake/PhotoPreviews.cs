using TeleDerm.Imaging;
using TeleDerm.Imaging.Quality;

namespace TeleDerm.Web.Features.Intake;

/// <summary>
/// Small previews and the photo checks for the intake page, made on the server: the decoder refuses non-images with
/// the reason, and photos larger than the intake limit before decoding. Every circuit shares two slots, so a page of
/// large photos cannot take the server's memory.
/// </summary>
public static class PhotoPreviews
{
    private static readonly SemaphoreSlim Slots = new(2, 2);

    /// <exception cref="ImageDecodeException">Not an image, or more pixels than <paramref name="maxPixels"/>.</exception>
    public static string DataUrl(byte[] photo, int size, long maxPixels) =>
        InSlot(photo, maxPixels, limits => "data:image/jpeg;base64," + Convert.ToBase64String(Thumbnails.CreateJpeg(photo, new ImageSize(size, size), quality: 80, limits)));

    /// <summary>What the photo checks measure (docs/photo-quality.md).</summary>
    /// <exception cref="ImageDecodeException">Not an image, or more pixels than <paramref name="maxPixels"/>.</exception>
    public static PhotoMeasures Measure(byte[] photo, long maxPixels) => InSlot(photo, maxPixels, limits => PhotoMeasures.Of(photo, limits));

    private static T InSlot<T>(byte[] photo, long maxPixels, Func<DecodeLimits, T> work)
    {
        var limits = DecodeLimits.Default with { MaxPixels = maxPixels, MaxDecodedBytes = maxPixels * 3 + 1024 };
        ImageDecoder.Identify(photo, limits);
        Slots.Wait();
        try
        {
            return work(limits);
        }
        finally
        {
            Slots.Release();
        }
    }
}
