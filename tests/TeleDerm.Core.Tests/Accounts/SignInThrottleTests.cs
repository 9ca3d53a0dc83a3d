using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Accounts;

/// <summary>
/// The sign-in throttle's counts, on SQLite and on a real PostgreSQL server. Two <see cref="SignInThrottle"/> objects
/// over one database are two instances behind the balancer.
/// </summary>
public abstract class SignInThrottleTests(DatabaseProvider provider)
{
    private const string Address = "203.0.113.7";
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    private SignInThrottle Instance() => new(database, clock);

    private static async Task FailAsync(SignInThrottle throttle, string account, int times, string address = Address)
    {
        for (var i = 0; i < times; i++)
        {
            await throttle.RecordFailureAsync(account, address);
        }
    }

    [Fact]
    public async Task Three_failures_are_free_then_each_one_doubles_the_wait_up_to_a_minute()
    {
        var throttle = Instance();
        await FailAsync(throttle, "dr.b@example.org", 3, address: "198.51.100.1");
        Assert.Null(await throttle.RetryAfterAsync("dr.b@example.org", "198.51.100.2"));

        var waits = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            await throttle.RecordFailureAsync("dr.b@example.org", $"198.51.100.{10 + i}");
            waits.Add((await throttle.RetryAfterAsync("DR.B@example.org ", "198.51.100.99"))!.Value.TotalSeconds);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(await throttle.RetryAfterAsync("dr.b@example.org", "198.51.100.99"));
    }

    [Fact]
    public async Task An_address_spraying_many_accounts_waits_after_ten_failures_up_to_a_quarter_of_an_hour()
    {
        var throttle = Instance();
        for (var i = 0; i < 10; i++)
        {
            await throttle.RecordFailureAsync($"person{i}@example.org", Address);
        }
        Assert.Null(await throttle.RetryAfterAsync("someone-else@example.org", Address));

        for (var i = 10; i < 30; i++)
        {
            await throttle.RecordFailureAsync($"person{i}@example.org", Address);
        }

        Assert.Equal(TimeSpan.FromMinutes(15), await throttle.RetryAfterAsync("someone-else@example.org", Address));
        Assert.Null(await throttle.RetryAfterAsync("someone-else@example.org", "198.51.100.1"));
    }

    [Fact]
    public async Task Failures_counted_by_one_instance_make_the_guesser_wait_on_the_other()
    {
        var (a, b) = (Instance(), Instance());
        await FailAsync(a, "dr.b@example.org", 2);
        await FailAsync(b, "dr.b@example.org", 2);

        Assert.Equal(TimeSpan.FromSeconds(1), await a.RetryAfterAsync("dr.b@example.org", "198.51.100.1"));
        Assert.Equal(TimeSpan.FromSeconds(1), await b.RetryAfterAsync("dr.b@example.org", "198.51.100.1"));
    }

    [Fact]
    public async Task A_success_clears_the_account_s_count_but_not_the_address_s()
    {
        var throttle = Instance();
        for (var i = 0; i < 11; i++)
        {
            await throttle.RecordFailureAsync(i < 5 ? "dr.b@example.org" : $"other{i}@example.org", Address);
        }
        await throttle.RecordSuccessAsync("dr.b@example.org");

        Assert.Null(await throttle.RetryAfterAsync("dr.b@example.org", "198.51.100.1"));
        Assert.Equal(TimeSpan.FromSeconds(1), await throttle.RetryAfterAsync("dr.b@example.org", Address));
    }

    [Fact]
    public async Task The_table_holds_no_account_name_or_address_and_forgets_counts_after_an_hour()
    {
        var throttle = Instance();
        await FailAsync(throttle, "dr.b@example.org", 5);
        await using (var db = database.CreateDbContext())
        {
            var keys = await db.SignInFailures.Select(f => f.Key).ToListAsync();
            Assert.Equal(2, keys.Count);
            Assert.All(keys, key => Assert.Matches("^[0-9a-f]{64}$", key));
        }

        // A typo an hour ago counts as nothing, and the next failure anywhere prunes the old rows.
        clock.Advance(SignInThrottle.Memory + TimeSpan.FromMinutes(1));
        await throttle.RecordFailureAsync("someone@example.org", "198.51.100.1");
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(2, await db.SignInFailures.CountAsync());
        }
        await FailAsync(throttle, "dr.b@example.org", 3);
        Assert.Null(await throttle.RetryAfterAsync("dr.b@example.org", "198.51.100.2"));
    }
}

public sealed class SignInThrottleTestsOnSqlite() : SignInThrottleTests(DatabaseProvider.Sqlite);

public sealed class SignInThrottleTestsOnPostgreSql() : SignInThrottleTests(DatabaseProvider.PostgreSql)
{
    /// <summary>Two instances failing the same account at once: every failure is counted, none lost to the race.</summary>
    [Fact]
    public async Task Simultaneous_failures_on_two_instances_are_all_counted()
    {
        var database = TestDatabase.CreateMigrated(DatabaseProvider.PostgreSql);
        var clock = new AdjustableClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        SignInThrottle[] instances = [new(database, clock), new(database, clock)];

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => instances[i % 2].RecordFailureAsync("dr.b@example.org", $"198.51.100.{i}"))));

        await using var db = database.CreateDbContext();
        Assert.Contains(16, await db.SignInFailures.Select(f => f.Count).ToListAsync());
    }
}
