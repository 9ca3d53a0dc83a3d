using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Dicom.Storage;

/// <summary>Contexts over fixed options, for tools without a dependency-injection container (the CLI).</summary>
public sealed class TeleDermDatabases(DbContextOptions<TeleDermDbContext> options) : IDbContextFactory<TeleDermDbContext>
{
    /// <summary>The embedded default: teleDerm.db in the data folder (as the web host names it), migrated.</summary>
    public static TeleDermDatabases OpenSqlite(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var databases = new TeleDermDatabases(DatabaseSetup.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, "teleDerm.db")}"));
        using var db = databases.CreateDbContext();
        SchemaMigrations.Migrate(db);
        return databases;
    }

    public TeleDermDbContext CreateDbContext() => new(options);
}
