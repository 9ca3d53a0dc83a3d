using TeleDerm.Imaging;

namespace TeleDerm.Web.Features.Intake;

/// <summary>
/// The photos of one request once checked: which ones are images (decoded again, one at a time, when stored,
/// so that no request holds its decoded pixels) and how many bytes the request may still add to the store.
/// </summary>
public sealed class CheckedPhotos(long storageBudget)
{
    private readonly Dictionary<PhotoInput, ImageHeader> images = [];
    private long storageLeft = storageBudget;

    public bool IsImage(PhotoInput photo) => images.ContainsKey(photo);

    internal void AddImage(PhotoInput photo, ImageHeader header) => images[photo] = header;

    /// <summary>Takes <paramref name="bytes"/> from the request's storage budget; false (and nothing taken) when it would overflow.</summary>
    internal bool TryStore(long bytes)
    {
        if (bytes > storageLeft)
        {
            return false;
        }
        storageLeft -= bytes;
        return true;
    }
}

/// <summary>A checked photo that would take the request past its storage budget: nothing more of it is stored.</summary>
public sealed class PhotoStorageBudgetException(string fileName, long budgetBytes)
    : Exception($"{fileName}: the photos of this request would take more than {Size(budgetBytes)} once stored; send fewer or smaller photos.")
{
    private static bool InMegabytes(long bytes) => bytes >= 1024 * 1024;

    private static string Size(long bytes) => InMegabytes(bytes) ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";

    /// <summary>The error a GP or practice software reads, in their language (the budget in MB, or in KB when under one MB).</summary>
    public IntakeError ToIntakeError() => InMegabytes(budgetBytes)
        ? new("photos", Message, "PhotosOverStorageBudget", fileName, budgetBytes / (1024 * 1024))
        : new("photos", Message, "PhotosOverStorageBudgetKb", fileName, budgetBytes / 1024);
}
