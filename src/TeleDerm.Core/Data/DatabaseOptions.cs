namespace TeleDerm.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Configuration section "TeleDerm:Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "TeleDerm:Database";

    /// <summary>Sqlite (embedded default, a file under the data folder) or PostgreSql.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSql; for Sqlite, defaults to teleDerm.db in the data folder.</summary>
    public string? ConnectionString { get; set; }
}
