namespace TeleDerm.Web.Features.Intake;

public static class IntakeLimits
{
    /// <summary>What the page reads of one file before the service applies the configured limit (with a clear message).</summary>
    public const long MaxReadBytes = 64L * 1024 * 1024;
}

/// <summary>Small previews for the intake page, made on the server (the decoder refuses non-images with the reason).</summary>
public static class PhotoPreviews
{
    public static string DataUrl(byte[] photo, int size) =>
        "data:image/jpeg;base64," + Convert.ToBase64String(TeleDerm.Imaging.Thumbnails.CreateJpeg(photo, new TeleDerm.Imaging.ImageSize(size, size), quality: 80));
}
