using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Audit;

/// <summary>The same tests on SQLite and on a real PostgreSQL server.</summary>
public abstract class AuditTrailTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));

    private AuditTrail Trail => new(database, clock, NullLogger<AuditTrail>.Instance);
    private AuditChainVerifier Verifier => new(database);

    private async Task AppendSomeAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1.2345678));
            await Trail.AppendAsync(new AuditEvent("case.viewed", UserId: "u1", UserName: "dr.b@example.org",
                RecordType: "case", RecordId: $"case-{i}", PatientId: "p-7", IpAddress: "127.0.0.1", Details: $"view {i}, with | and ; inside"));
        }
    }

    [Fact]
    public async Task A_fresh_chain_of_entries_verifies()
    {
        await AppendSomeAsync(25);
        var result = await Verifier.VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(25, result.EntriesChecked);
    }

    [Fact]
    public async Task Each_entry_carries_the_hash_of_the_previous_one()
    {
        await AppendSomeAsync(3);
        await using var db = database.CreateDbContext();
        var entries = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(AuditHash.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
    }

    [Fact]
    public async Task Altering_one_stored_entry_makes_verification_fail_at_that_entry()
    {
        await AppendSomeAsync(10);
        await using (var db = database.CreateDbContext())
        {
            // What someone with direct database access might do: hide who looked at the record.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone.else@example.org' WHERE \"Sequence\" = 6");
        }
        var result = await Verifier.VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(6, result.FirstBrokenSequence);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_one_stored_entry_makes_verification_fail()
    {
        await AppendSomeAsync(10);
        await using (var db = database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 4");
        }
        var result = await Verifier.VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_entry_and_renumbering_the_rest_is_still_detected()
    {
        await AppendSomeAsync(6);
        await using (var db = database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 3");
            for (var sequence = 4; sequence <= 6; sequence++)
            {
                await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {sequence - 1} WHERE \"Sequence\" = {sequence}");
            }
        }
        var result = await Verifier.VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task The_application_cannot_update_or_delete_an_entry()
    {
        await AppendSomeAsync(2);
        await using var db = database.CreateDbContext();
        var entry = await db.AuditEntries.FirstAsync();
        entry.Details = "rewritten";
        var update = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);

        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.True((await Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Concurrent_appends_from_two_writers_keep_one_gapless_chain()
    {
        // Two AuditTrail instances stand for two app instances: they share no lock, only the database.
        var first = new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance);
        var second = new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance);
        var tasks = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).AppendAsync(new AuditEvent("test.concurrent", Details: i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await Task.WhenAll(tasks);
        var result = await Verifier.VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(40, result.EntriesChecked);
    }

    [Fact]
    public async Task A_change_and_its_entry_in_one_audited_transaction_are_saved_together_or_not_at_all()
    {
        await AppendSomeAsync(2);
        var (kept, dropped) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var db = database.CreateDbContext())
        {
            await using (var transaction = await Trail.BeginTransactionAsync(db))
            {
                db.Practices.Add(new Practice { Id = dropped, Name = "Rolled back" });
                await db.SaveChangesAsync();
                await transaction.AppendAsync(new AuditEvent("practice.created", RecordType: "practice", RecordId: dropped.ToString()));
                // Never committed: a failure before the commit.
            }
        }
        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await Trail.BeginTransactionAsync(db);
            db.Practices.Add(new Practice { Id = kept, Name = "Committed" });
            await db.SaveChangesAsync();
            await transaction.AppendAsync(new AuditEvent("practice.created", RecordType: "practice", RecordId: kept.ToString()));
            await transaction.CommitAsync();
        }
        await Trail.AppendAsync(new AuditEvent("case.viewed"));

        await using var check = database.CreateDbContext();
        Assert.Equal(["Committed"], await check.Practices.Where(p => p.Id == kept || p.Id == dropped).Select(p => p.Name).ToListAsync());
        Assert.Equal([kept.ToString()], await check.AuditEntries.Where(e => e.Action == "practice.created").Select(e => e.RecordId!).ToListAsync());
        var result = await Verifier.VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(4, result.EntriesChecked);
    }

    [Fact]
    public async Task Another_instance_appending_while_an_audited_transaction_is_open_keeps_one_gapless_chain()
    {
        var (first, second) = (new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance));
        await first.AppendAsync(new AuditEvent("test.start"));
        Task others;
        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await first.BeginTransactionAsync(db);
            db.Practices.Add(new Practice { Id = Guid.NewGuid(), Name = "Audited with its change" });
            await db.SaveChangesAsync();
            // The other instance appends meanwhile: on PostgreSQL its entry takes the sequence of ours, waits on it and
            // loses once we commit; on SQLite it waits for the write lock. Either way it must not stall or break the chain.
            others = Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => second.AppendAsync(new AuditEvent("test.other", Details: i.ToString(System.Globalization.CultureInfo.InvariantCulture))))));
            await Task.Delay(50);
            await transaction.AppendAsync(new AuditEvent("practice.created"));
            await transaction.CommitAsync();
        }
        await others;

        var result = await Verifier.VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(12, result.EntriesChecked);
    }

    [Fact]
    public async Task Filters_select_by_user_action_record_and_period()
    {
        await AppendSomeAsync(5);
        await Trail.AppendAsync(new AuditEvent("account.sign-in", AuditOutcome.Failure, UserName: "gp@example.org"));
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await new AuditFilter(User: "gp@example.org").Apply(db.AuditEntries).CountAsync());
        Assert.Equal(5, await new AuditFilter(Action: "case.").Apply(db.AuditEntries).CountAsync());
        Assert.Equal(1, await new AuditFilter(RecordId: "case-3").Apply(db.AuditEntries).CountAsync());
        Assert.Equal(1, await new AuditFilter(Outcome: AuditOutcome.Failure).Apply(db.AuditEntries).CountAsync());
        var start = new DateTime(2026, 11, 22, 9, 30, 3, DateTimeKind.Utc);
        Assert.Equal(4, await new AuditFilter(FromUtc: start).Apply(db.AuditEntries).CountAsync());
    }
}

public sealed class AuditTrailTestsOnSqlite() : AuditTrailTests(DatabaseProvider.Sqlite);

public sealed class AuditTrailTestsOnPostgreSql() : AuditTrailTests(DatabaseProvider.PostgreSql);
