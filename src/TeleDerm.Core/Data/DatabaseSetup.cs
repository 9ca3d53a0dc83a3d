using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TeleDerm.Core.Data;

/// <summary>Chooses the provider; the one place that knows SQLite and PostgreSQL apart.</summary>
public static class DatabaseSetup
{
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString);
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
        options.AddInterceptors(new InsertOnlyGuard());
        // Migrations are written by hand without a model snapshot (the design-time package is not in our
        // registry); the test MigratedSchemaTests proves instead that the migrated schema equals the model.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static DbContextOptions<TeleDermDbContext> CreateOptions(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<TeleDermDbContext>();
        Configure(builder, provider, connectionString);
        return builder.Options;
    }
}
