using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Data;

/// <summary>
/// A database built by a provider's generated migrations has exactly the tables, columns, types, nullability,
/// keys, indexes and foreign keys of a database built straight from the EF model (the generator's own check
/// is <c>HasPendingModelChanges</c>, see <see cref="GeneratedMigrationsTests"/>; this one looks at the result).
/// </summary>
public abstract class MigratedSchemaTests(DatabaseProvider provider)
{
    [Fact]
    public async Task The_migrated_schema_equals_the_schema_of_the_model()
    {
        var migrated = TestDatabase.Create(provider);
        await using (var db = migrated.CreateDbContext())
        {
            await SchemaMigrations.MigrateAsync(db);
        }
        var fromModel = TestDatabase.Create(provider);
        await using (var db = fromModel.CreateDbContext())
        {
            await db.Database.EnsureCreatedAsync();
        }
        var expected = await DescribeAsync(fromModel);
        var actual = await DescribeAsync(migrated);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        var database = TestDatabase.Create(provider);
        await using var db = database.CreateDbContext();
        await SchemaMigrations.MigrateAsync(db);
        await SchemaMigrations.MigrateAsync(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>The schema as sorted lines (tables, columns, indexes, constraints), EF's bookkeeping tables left out.</summary>
    internal static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = database.Provider == DatabaseProvider.Sqlite ? await DescribeSqliteAsync(connection) : await DescribePostgresAsync(connection);
        // EF's own bookkeeping tables (history; on SQLite also the migrations lock) are not part of the model.
        lines.RemoveAll(l => l.Contains("__EFMigrations", StringComparison.Ordinal));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> DescribeSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables)
        {
            var name = table[0];
            lines.Add($"table {name} autoincrement={table[1].Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{name}')"))
            {
                lines.Add($"column {name}.{c[0]} {c[1]} notnull={c[2]} pk={c[3]}");
            }
            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{name}') WHERE origin = 'c'"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                lines.Add($"index {name}.{i[0]} unique={i[1]} ({string.Join(",", columns.Select(r => r[0]))})");
            }
            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{name}')"))
            {
                lines.Add($"fk {name}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
            }
        }
        return lines;
    }

    private static async Task<List<string>> DescribePostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection,
            "SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, is_identity, coalesce(identity_generation, '') " +
            "FROM information_schema.columns WHERE table_schema = 'public'"))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} identity={c[5]} {c[6]}");
        }
        foreach (var i in await QueryAsync(connection, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
        {
            lines.Add($"index {i[0]}.{i[1]} {i[2]}");
        }
        foreach (var k in await QueryAsync(connection,
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace"))
        {
            lines.Add($"constraint {k[0]}.{k[1]} {k[2]}");
        }
        return lines;
    }

    internal static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
            rows.Add(row);
        }
        return rows;
    }
}

public sealed class MigratedSchemaTestsOnSqlite() : MigratedSchemaTests(DatabaseProvider.Sqlite);

public sealed class MigratedSchemaTestsOnPostgreSql() : MigratedSchemaTests(DatabaseProvider.PostgreSql);
