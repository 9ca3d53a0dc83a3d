using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;

namespace TeleDerm.Web.Hosting;

/// <summary>
/// Anchors the audit trail outside the database: every minute in which it grew, a checkpoint of its head
/// (count and last hash, authenticated with the seal key) is appended to data/audit/checkpoints.jsonl and
/// written to the log. The verifier then notices entries removed from the end, or a trail rewritten whole.
/// </summary>
public sealed class AuditCheckpointWriter(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    AuditSealKey seal,
    AuditCheckpointFile file,
    TimeProvider clock,
    ILogger<AuditCheckpointWriter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private long written;

    /// <summary>Writes a checkpoint of the current head if it moved since the last one; returns it, or null.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (head is null || head.Sequence <= Interlocked.Read(ref written))
        {
            return null;
        }
        var checkpoint = AuditCheckpoint.Create(head.Sequence, head.Hash, clock.GetUtcNow().UtcDateTime, seal);
        await file.AppendAsync(checkpoint, cancellationToken);
        logger.LogInformation("Audit checkpoint: {Sequence} entries, head {Hash}, at {At:O}, key {KeyId}, mac {Mac}",
            checkpoint.Sequence, checkpoint.Hash, checkpoint.AtUtc, checkpoint.KeyId, checkpoint.Mac);
        Interlocked.Exchange(ref written, head.Sequence);
        return checkpoint;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    await WriteAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Could not write an audit checkpoint to {Path}", file.Path);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The last minute's entries are anchored too; a host torn down around us (tests) only loses that.
        try
        {
            await WriteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException or InvalidOperationException)
        {
            logger.LogWarning(e, "No final audit checkpoint at shutdown");
        }
    }
}
