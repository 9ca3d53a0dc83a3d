using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Cli;
using TeleDerm.Cli.Commands;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Item 9 of the penetration test: someone who can write the database (not read the key ring) rewrites audit
/// entries and recomputes the chain, or deletes the last entries. The sealed chain and the checkpoints kept
/// outside the database show both, with their positions, on the page's verifier and in `teleDerm audit verify`.
/// One app per test: each one damages its trail.
/// </summary>
public sealed class AuditTamperingAttacks : IAsyncLifetime
{
    private readonly AttackedApp app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private async Task AuditAsync(int entries)
    {
        var trail = app.Services.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < entries; i++)
        {
            await trail.AppendAsync(new AuditEvent("case.viewed", AuditOutcome.Success, "user-1", "gp@test.example", "case", $"case-{i}"));
        }
    }

    private Task CheckpointAsync() => app.Services.GetRequiredService<AuditCheckpointWriter>().WriteAsync();

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>What an attacker with write access to the database does, around the application.</summary>
    private async Task SqlAsync(FormattableString sql)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync(sql);
    }

    private (int ExitCode, string Output) CliVerify()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = AuditCommands.Run(["verify", "--data", app.DataDirectory], new CliConsole(output, error));
        return (code, output + error.ToString());
    }

    [Fact]
    public async Task An_untouched_sealed_trail_verifies_on_the_page_and_on_the_command_line()
    {
        await AuditAsync(5);
        await CheckpointAsync();

        var result = await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        var (code, output) = CliVerify();

        Assert.True(result.IsIntact, result.Problem);
        Assert.All(await EntriesAsync(), e => Assert.NotNull(e.KeyId));
        Assert.Equal(0, code);
        Assert.StartsWith("intact:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_rewritten_with_its_chain_recomputed_unkeyed_is_reported_at_its_position()
    {
        await AuditAsync(8);
        var entries = await EntriesAsync();
        // The attack that passed before: change entry 4, then recompute every hash from there on as the old code did.
        var previous = entries[2].Hash;
        foreach (var entry in entries.Skip(3))
        {
            if (entry.Sequence == 4)
            {
                entry.Details = "nothing happened here";
            }
            entry.KeyId = null;
            entry.PreviousHash = previous;
            entry.Hash = AuditHash.Compute(entry);
            previous = entry.Hash;
            await SqlAsync($"UPDATE \"AuditEntries\" SET \"Details\" = {entry.Details}, \"KeyId\" = NULL, \"PreviousHash\" = {entry.PreviousHash}, \"Hash\" = {entry.Hash} WHERE \"Sequence\" = {entry.Sequence}");
        }

        var result = await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        var (code, output) = CliVerify();

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Contains("not sealed although earlier entries are", result.Problem, StringComparison.Ordinal);
        Assert.Equal(1, code);
        Assert.Contains("entry 4:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_last_entries_is_reported_even_when_new_entries_reuse_their_numbers()
    {
        await AuditAsync(10);
        await CheckpointAsync();
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {7}");
        await AuditAsync(3);

        var result = await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        var (code, output) = CliVerify();

        Assert.False(result.IsIntact);
        Assert.Contains(result.Problems, p => p.Sequence == 10 && p.Description.Contains("checkpoint", StringComparison.Ordinal));
        Assert.Equal(1, code);
        Assert.Contains("entry 10:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_last_entries_without_new_ones_is_reported_as_truncated()
    {
        await AuditAsync(6);
        await CheckpointAsync();
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {3}");

        var result = await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Contains("Entries 4 to 6 were removed from the end", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_checkpoint_line_is_reported()
    {
        await AuditAsync(2);
        await CheckpointAsync();
        var file = app.Services.GetRequiredService<AuditCheckpointFile>();
        await File.AppendAllTextAsync(file.Path, "{\"Sequence\":1,\"Hash\":\"00\",\"AtUtc\":\"2026-01-01T00:00:00Z\",\"KeyId\":\"k0\",\"Mac\":\"00\"}\n");

        var result = await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Contains("is not authentic", result.Problem, StringComparison.Ordinal);
    }
}
