using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// The periodic re-check of every open page (<see cref="CircuitRevalidation"/>, every 5 s per page) read each page's
/// account on its own: 200 open worklists were 80 queries a second, the largest database item under load
/// (docs/benchmarks.md). Here the accounts asked for within <see cref="Window"/> are read together, in one
/// <see cref="AccountStanding.ReadManyAsync"/>, as they are at that moment. A page's check waits at most that long more,
/// well inside its interval; a click still re-checks its own account at once (<see cref="ActorCircuitHandler"/>).
/// </summary>
public sealed class BatchedAccountStandings(IDbContextFactory<TeleDermDbContext> dbFactory, ILogger<BatchedAccountStandings> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    private readonly Lock gate = new();
    private Dictionary<string, TaskCompletionSource<AccountStanding?>>? gathering;

    /// <summary>The account as the database has it when the batch it joined is read; null when it no longer exists.</summary>
    public Task<AccountStanding?> ReadAsync(string userId)
    {
        lock (gate)
        {
            if (gathering is null)
            {
                gathering = [];
                _ = ReadGatheredAsync();
            }
            if (!gathering.TryGetValue(userId, out var answer))
            {
                gathering[userId] = answer = new TaskCompletionSource<AccountStanding?>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            return answer.Task;
        }
    }

    private async Task ReadGatheredAsync()
    {
        await Task.Delay(Window);
        Dictionary<string, TaskCompletionSource<AccountStanding?>> batch;
        lock (gate)
        {
            (batch, gathering) = (gathering!, null);
        }
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var standings = await AccountStanding.ReadManyAsync(db, batch.Keys);
            foreach (var (userId, answer) in batch)
                answer.SetResult(standings.GetValueOrDefault(userId));
        }
        catch (Exception e)
        {
            // Each waiting check fails as its own query would have (the page's revalidation treats it as not current).
            logger.LogWarning(e, "Reading {Count} accounts for the open pages' re-check failed.", batch.Count);
            foreach (var answer in batch.Values)
                answer.SetException(e);
        }
    }
}
