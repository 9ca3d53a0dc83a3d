using Microsoft.EntityFrameworkCore.Design;
using TeleDerm.Core.Data;

namespace TeleDerm.Migrations.SqlServer;

/// <summary>How dotnet ef gets a SqlServer context to compare the model with this assembly's migrations.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<TeleDermDbContext>
{
    public TeleDermDbContext CreateDbContext(string[] args) => DatabaseSetup.DesignTimeContext(DatabaseProvider.SqlServer);
}
