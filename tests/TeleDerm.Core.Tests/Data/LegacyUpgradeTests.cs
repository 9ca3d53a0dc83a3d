using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;
using TeleDerm.Core.Tests.Dashboard;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Data;

/// <summary>
/// A database made by the hand-written migrations TeleDerm had until the generated ones (their whole script,
/// kept as it was generated from them, in LegacySchema/) upgrades without losing a row: the generated
/// baseline is recognised, later migrations run, every row of every table reads back the same, and the
/// schema is then exactly the model's.
/// </summary>
public abstract class LegacyUpgradeTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.Create(provider);

    private static string LegacyScript(DatabaseProvider provider) => File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "TeleDerm.Core.Tests", "Data",
        "LegacySchema", provider == DatabaseProvider.Sqlite ? "legacy-schema.sqlite.sql" : "legacy-schema.postgresql.sql"));

    private async Task CreateLegacyDatabaseAsync(string? stopAfterMigration = null)
    {
        var script = LegacyScript(provider);
        if (stopAfterMigration is not null)
        {
            // The script applies one migration per transaction; cut it after the one asked for.
            var end = script.IndexOf($"'{stopAfterMigration}'", StringComparison.Ordinal);
            script = script[..(script.IndexOf("COMMIT;", end, StringComparison.Ordinal) + "COMMIT;".Length)];
        }
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = script;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Columns that later migrations added to the legacy tables. The history is written through today's model, which
    /// names them; they are added for the writing (all null) and dropped again, so the upgrade starts from the legacy schema.
    /// </summary>
    private static readonly (string Table, string Column, string Type)[] ColumnsAddedSince =
        [("CaseMessages", "Retake", "integer"), ("CaseMessages", "AddresseeUserId", "text")];

    private async Task SaveInLegacySchemaAsync(SyntheticHistory history)
    {
        await using var db = database.CreateDbContext();
        foreach (var (table, column, type) in ColumnsAddedSince)
        {
            // Names from the constant list above, not from input.
            var add = "ALTER TABLE \"" + table + "\" ADD \"" + column + "\" " + type + " NULL";
            await db.Database.ExecuteSqlRawAsync(add);
        }
        await history.SaveAsync(database);
        foreach (var (table, column, _) in ColumnsAddedSince)
        {
            var drop = "ALTER TABLE \"" + table + "\" DROP COLUMN \"" + column + "\"";
            await db.Database.ExecuteSqlRawAsync(drop);
        }
    }

    [Fact]
    public async Task A_database_of_the_hand_written_migrations_upgrades_and_keeps_every_row()
    {
        await CreateLegacyDatabaseAsync();
        // Real data in the legacy schema: departments, practices, users, cases with messages, transitions and answers.
        await SaveInLegacySchemaAsync(new SyntheticHistory());
        var before = await EveryRowAsync();
        Assert.True(before.Values.Sum(rows => rows.Count) > 40, "the legacy database should hold data in many tables");

        await using (var db = database.CreateDbContext())
        {
            await SchemaMigrations.MigrateAsync(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Equal(db.Database.GetMigrations(), applied);
            Assert.DoesNotContain(SchemaMigrations.LastHandWrittenMigration, applied);
        }

        // Every row of every table is still there, unchanged; tables that later migrations added start empty.
        var after = await EveryRowAsync();
        // A column added since the legacy schema comes last in its table's rows, empty.
        foreach (var (table, rows) in before)
            Assert.Equal([.. rows.Select(row => row + string.Concat(ColumnsAddedSince.Where(c => c.Table == table).Select(_ => "|")))], after[table]);
        Assert.All(after.Keys.Except(before.Keys), added => Assert.Empty(after[added]));
        var fromModel = TestDatabase.Create(provider);
        await using (var db = fromModel.CreateDbContext())
        {
            await db.Database.EnsureCreatedAsync();
        }
        Assert.Equal(await MigratedSchemaTests.DescribeAsync(fromModel), await MigratedSchemaTests.DescribeAsync(database));
    }

    [Fact]
    public async Task A_database_from_before_the_last_hand_written_migration_is_refused_with_what_to_do()
    {
        await CreateLegacyDatabaseAsync(stopAfterMigration: "20261205000200_MustChangePassword");

        await using var db = database.CreateDbContext();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrations.MigrateAsync(db));

        Assert.Contains("20261205000200_MustChangePassword", refused.Message, StringComparison.Ordinal);
        Assert.Contains(SchemaMigrations.LastHandWrittenMigration, refused.Message, StringComparison.Ordinal);
        // Nothing was changed: the history is the legacy one, without the baseline.
        var history = await HistoryAsync(db);
        Assert.Contains("20261205000200_MustChangePassword", history);
        Assert.DoesNotContain(db.Database.GetMigrations().First(), history);
    }

    private static async Task<List<string>> HistoryAsync(TeleDermDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        return [.. (await MigratedSchemaTests.QueryAsync(connection, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"")).Select(r => r[0])];
    }

    /// <summary>Every row of every table but EF's own, as text, sorted: what "nothing was lost" compares.</summary>
    private async Task<SortedDictionary<string, List<string>>> EveryRowAsync()
    {
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        DbConnection connection = db.Database.GetDbConnection();
        var tables = provider == DatabaseProvider.Sqlite
            ? await MigratedSchemaTests.QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            : await MigratedSchemaTests.QueryAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        var rows = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables.Select(t => t[0]).Where(t => !t.StartsWith("__EFMigrations", StringComparison.Ordinal)))
        {
            var content = await MigratedSchemaTests.QueryAsync(connection, $"SELECT * FROM \"{table}\"");
            rows[table] = [.. content.Select(r => string.Join("|", r)).Order(StringComparer.Ordinal)];
        }
        return rows;
    }
}

public sealed class LegacyUpgradeTestsOnSqlite() : LegacyUpgradeTests(DatabaseProvider.Sqlite);

public sealed class LegacyUpgradeTestsOnPostgreSql() : LegacyUpgradeTests(DatabaseProvider.PostgreSql);
