using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Imaging;

/// <summary>
/// What the viewer shows of a photo made ahead of its first view (its tiles, by the host): asked for once the photo's
/// case is committed, by the worker that takes every new image (<see cref="Scoring.ScoringWorker"/>). Asking only
/// queues the work; it never fails the caller.
/// </summary>
public interface IImageRenditions
{
    void Prepare(LesionImage image);
}
