using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data;

/// <summary>
/// Brings a database to the current schema: the one call every host makes (web app, CLI, tests) instead of
/// <c>Database.Migrate()</c>, because a database made by TeleDerm's earlier, hand-written migrations must
/// first be recognised as holding the baseline the generated migrations start from.
/// </summary>
public static class SchemaMigrations
{
    /// <summary>The last hand-written migration: a database that has it holds exactly each provider's generated baseline.</summary>
    public const string LastHandWrittenMigration = "20261205000400_DepartmentLetterhead";

    public static async Task MigrateAsync(TeleDermDbContext db, CancellationToken cancellationToken = default)
    {
        await AdoptHandWrittenHistoryAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public static void Migrate(TeleDermDbContext db) => MigrateAsync(db).GetAwaiter().GetResult();

    /// <summary>
    /// On a database migrated by hand-written migrations, replaces their history rows by the generated baseline's
    /// (in one transaction), so that only the migrations after the baseline run. The schemas are the same: the
    /// baseline was generated from the model the hand-written migrations had reached, and a test upgrades such a
    /// database, with data in every table, and compares both. A database from before the last hand-written
    /// migration is refused: its missing steps no longer exist.
    /// </summary>
    private static async Task AdoptHandWrittenHistoryAsync(TeleDermDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
            return;
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToList();
        var generated = db.Database.GetMigrations().ToList();
        if (applied.Count == 0 || applied.Any(generated.Contains))
            return;
        if (!applied.Contains(LastHandWrittenMigration))
        {
            throw new InvalidOperationException($"This database was made by an earlier TeleDerm (its last migration is {applied.Max(StringComparer.Ordinal)}). "
                + $"Upgrade it first with the TeleDerm release whose last migration is {LastHandWrittenMigration}, then with this one.");
        }
        var baseline = generated[0];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var id in applied)
            await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
