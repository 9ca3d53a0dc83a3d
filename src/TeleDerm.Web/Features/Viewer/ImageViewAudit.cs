using TeleDerm.Core.Audit;
using System.Collections.Concurrent;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Features.Viewer;

/// <summary>
/// Records that a person viewed an image, once per person and image per half hour: the viewer asks for a
/// preview, the full image and the metadata, and zooming asks again, but one look is one audit entry.
/// </summary>
public sealed class ImageViewAudit(TimeProvider clock)
{
    public const string Action = AuditActions.ImageViewed;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<(string User, string Sop), DateTimeOffset> lastRecorded = new();

    public async Task RecordAsync(AuditRecorder audit, string userId, LesionImage image)
    {
        var now = clock.GetUtcNow();
        var key = (userId, image.SopInstanceUid);
        if (lastRecorded.TryGetValue(key, out var last) && now - last < Window)
        {
            return;
        }
        lastRecorded[key] = now;
        if (lastRecorded.Count > 100_000)
        {
            foreach (var old in lastRecorded.Where(e => now - e.Value >= Window).Select(e => e.Key).ToList())
            {
                lastRecorded.TryRemove(old, out _);
            }
        }
        await audit.RecordAsync(Action, recordType: "case", recordId: image.CaseId.ToString(), details: image.SopInstanceUid);
    }
}
