using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Accounts;

/// <summary>
/// Slows password guessing without letting strangers lock people out. Failed sign-ins are counted per account
/// name (known or not, so the throttle says nothing about which accounts exist) and per client address; past a
/// few free failures each further one doubles the wait before the next try. An account's wait is capped at a
/// minute, so someone guessing at a colleague's account can only slow them, never lock them out; an address's
/// wait grows to a quarter of an hour, which stops one machine spraying passwords over many accounts. A success
/// clears the account's count.
/// Counted in the database, so that every instance behind the balancer sees the same counts (a guesser whose
/// tries are spread over two instances would otherwise get twice the tries), and so that names sprayed by an
/// attacker cost rows that are pruned, not memory that grows. Keys are stored hashed: the table holds no address
/// or account name.
/// </summary>
public sealed class SignInThrottle(IDbContextFactory<TeleDermDbContext> contextFactory, TimeProvider clock)
{
    private const int FreeFailuresPerAccount = 3;
    private const int FreeFailuresPerAddress = 10;
    // Enough for every instance of a deployment hitting one key at once: each round, one of them wins.
    private const int MaxAttempts = 50;
    private static readonly TimeSpan AccountCap = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AddressCap = TimeSpan.FromMinutes(15);
    // Counts older than this are forgotten (and their rows pruned), so that a typo last week costs nothing today.
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    /// <summary>How long this account name or address must still wait, or null when a try is allowed now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string accountName, string? address, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        string[] keys = [AccountKey(accountName), AddressKey(address)];
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var notBefore = await db.SignInFailures.AsNoTracking()
            .Where(f => keys.Contains(f.Key) && f.NotBeforeUtc > now)
            .Select(f => (DateTime?)f.NotBeforeUtc)
            .MaxAsync(cancellationToken);
        return notBefore is { } until ? until - now : null;
    }

    public async Task RecordFailureAsync(string accountName, string? address, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await CountAsync(AccountKey(accountName), FreeFailuresPerAccount, AccountCap, now, cancellationToken);
        await CountAsync(AddressKey(address), FreeFailuresPerAddress, AddressCap, now, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var forgotten = now - Memory;
        await db.SignInFailures.Where(f => f.LastFailureUtc < forgotten && f.NotBeforeUtc < now).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task RecordSuccessAsync(string accountName, CancellationToken cancellationToken = default)
    {
        var key = AccountKey(accountName);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInFailures.Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// One more failure for this key. Instances counting the same key at once collide (the key is unique, the count
    /// a concurrency token): the loser reads the new count and tries again, so that no failure goes uncounted.
    /// </summary>
    private async Task CountAsync(string key, int free, TimeSpan cap, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var failures = await db.SignInFailures.SingleOrDefaultAsync(f => f.Key == key, cancellationToken);
            if (failures is null)
            {
                db.SignInFailures.Add(new SignInFailureCount { Key = key, Count = 1, LastFailureUtc = now, NotBeforeUtc = now });
            }
            else
            {
                failures.Count = now - failures.LastFailureUtc > Memory ? 1 : failures.Count + 1;
                failures.LastFailureUtc = now;
                failures.NotBeforeUtc = now + Wait(failures.Count, free, cap);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another instance counted this key meanwhile (DbUpdateConcurrencyException is a DbUpdateException).
            }
        }
    }

    /// <summary>Nothing for the free failures, then 1, 2, 4... seconds, up to the cap.</summary>
    public static TimeSpan Wait(int count, int free, TimeSpan cap) =>
        count <= free ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(cap.TotalSeconds, Math.Pow(2, count - free - 1)));

    private static string AccountKey(string accountName) => Hashed("account:" + accountName.Trim().ToUpperInvariant());

    private static string AddressKey(string? address) => Hashed("address:" + (address ?? "unknown"));

    private static string Hashed(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
