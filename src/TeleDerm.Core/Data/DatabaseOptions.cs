namespace TeleDerm.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    /// <summary>Microsoft SQL Server 2019 or later. Built and scripted by the tests, not run against a live server (none runs here).</summary>
    SqlServer,
}

/// <summary>Configuration section "TeleDerm:Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "TeleDerm:Database";

    /// <summary>Sqlite (embedded default, a file under the data folder), PostgreSql or SqlServer.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSql and SqlServer; for Sqlite, defaults to teleDerm.db in the data folder.</summary>
    public string? ConnectionString { get; set; }
}
