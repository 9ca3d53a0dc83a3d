using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Testing;

/// <summary>A fresh, empty database on either provider, and a context factory over it.</summary>
public sealed class TestDatabase : IDbContextFactory<TeleDermDbContext>
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    private TestDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public static TestDatabase Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new(provider, $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("teleDerm-sqlite-").FullName, "test.db")}"),
        DatabaseProvider.PostgreSql => new(provider, PostgresServer.Shared.CreateDatabase()),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static TestDatabase CreateMigrated(DatabaseProvider provider)
    {
        var database = Create(provider);
        using var db = database.CreateDbContext();
        SchemaMigrations.Migrate(db);
        return database;
    }

    public TeleDermDbContext CreateDbContext() => new(DatabaseSetup.CreateOptions(Provider, ConnectionString));
}
