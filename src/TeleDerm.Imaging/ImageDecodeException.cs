namespace TeleDerm.Imaging;

/// <summary>The single exception type for every decode failure; <see cref="Reason"/> says which kind.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(ImageDecodeFailure reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    public ImageDecodeFailure Reason { get; }
}
