using System.Collections.Concurrent;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// Slows password guessing without letting strangers lock people out. Failed sign-ins are counted per account
/// name (known or not, so the throttle says nothing about which accounts exist) and per client address; past a
/// few free failures each further one doubles the wait before the next try. An account's wait is capped at a
/// minute, so someone guessing at a colleague's account can only slow them, never lock them out; an address's
/// wait grows to a quarter of an hour, which stops one machine spraying passwords over many accounts. A success
/// clears the account's count. Held in memory: each instance counts its own (docs/security.md).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    private const int FreeFailuresPerAccount = 3;
    private const int FreeFailuresPerAddress = 10;
    private static readonly TimeSpan AccountCap = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AddressCap = TimeSpan.FromMinutes(15);
    // Counts older than this are forgotten, so that a typo last week costs nothing today.
    private static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset NotBefore);

    private readonly ConcurrentDictionary<string, Failures> byKey = new(StringComparer.Ordinal);

    /// <summary>How long this account name or address must still wait, or null when a try is allowed now.</summary>
    public TimeSpan? RetryAfter(string accountName, string? address)
    {
        var now = clock.GetUtcNow();
        var wait = new[] { AccountKey(accountName), AddressKey(address) }
            .Select(key => byKey.TryGetValue(key, out var f) && f.NotBefore > now ? f.NotBefore - now : TimeSpan.Zero)
            .Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void RecordFailure(string accountName, string? address)
    {
        var now = clock.GetUtcNow();
        Add(AccountKey(accountName), FreeFailuresPerAccount, AccountCap, now);
        Add(AddressKey(address), FreeFailuresPerAddress, AddressCap, now);
    }

    public void RecordSuccess(string accountName) => byKey.TryRemove(AccountKey(accountName), out _);

    private void Add(string key, int free, TimeSpan cap, DateTimeOffset now) =>
        byKey.AddOrUpdate(key,
            _ => new Failures(1, now, now),
            (_, f) =>
            {
                var count = now - f.Last > Memory ? 1 : f.Count + 1;
                var wait = count <= free ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(cap.TotalSeconds, Math.Pow(2, count - free - 1)));
                return new Failures(count, now, now + wait);
            });

    private static string AccountKey(string accountName) => "account:" + accountName.Trim().ToUpperInvariant();

    private static string AddressKey(string? address) => "address:" + (address ?? "unknown");
}
