using TeleDerm.Core.Intake;
using TeleDerm.Imaging;

namespace TeleDerm.Web.Features.Intake;

/// <summary>
/// The photos of one request once checked: which ones are images (decoded again, one at a time, when stored,
/// so that no request holds its decoded pixels) and how many bytes the request may still add to the store.
/// </summary>
public sealed class CheckedPhotos(long storageBudget) : ICheckedPhotos
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
