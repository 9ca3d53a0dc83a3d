using Microsoft.Data.Sqlite;

namespace TeleDerm.Cli.Commands;

/// <summary>
/// "backup --data DIR --to DIR": a consistent copy of an embedded installation (SQLite and the data folder) while
/// the app runs, in the order that keeps the copy coherent (docs/operations.md):
/// 1. the audit checkpoints, first, so that they never vouch for more entries than the copied database holds;
/// 2. the Data Protection keys, which decrypt the audit seal key, the report authority's key and the drafts;
/// 3. the database, through SQLite's online backup (a snapshot, whatever the app writes meanwhile);
/// 4. the DICOM store, the report authority, the models and the drafts: files only ever added, so every image the
///    copied database names is already there.
/// Restoring is using the copy as the data folder; then run "audit verify --data" on it.
/// </summary>
public static class BackupCommands
{
    public const string DatabaseFile = "teleDerm.db";

    /// <summary>The folders copied after the database (those that exist).</summary>
    public static readonly string[] FoldersAfterDatabase = ["dicom", "dicom-outbox", "reports", "models", "drafts"];

    public static int Run(string[] args, CliConsole console)
    {
        string? data = null, destination = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
                return Usage.Fail(console, $"backup: '{args[i]}' needs a value");
            switch (args[i])
            {
                case "--data": data = args[++i]; break;
                case "--to": destination = args[++i]; break;
                default: return Usage.Fail(console, $"backup: unknown option '{args[i]}'");
            }
        }
        if (data is null || destination is null)
            return Usage.Fail(console, "backup needs --data DIR and --to DIR");
        if (!File.Exists(Path.Combine(data, DatabaseFile)))
        {
            console.Error.WriteLine($"error: no database at {Path.Combine(data, DatabaseFile)}: give --data the app's data folder (PostgreSQL: see docs/operations.md)");
            return ExitCodes.InvalidInput;
        }
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
        {
            console.Error.WriteLine($"error: {destination} is not empty: a backup goes to a new folder");
            return ExitCodes.InvalidInput;
        }
        var copied = Create(data, destination);
        console.Out.WriteLine($"backed up {copied.Files} files ({copied.Bytes / (1024 * 1024)} MB) from {data} to {destination}; restore by using it as the data folder, then run: teleDerm audit verify --data {destination}");
        return ExitCodes.Ok;
    }

    public sealed record Copied(int Files, long Bytes);

    public static Copied Create(string data, string destination)
    {
        Directory.CreateDirectory(destination);
        var files = 0;
        long bytes = 0;
        void Folder(string name)
        {
            var from = Path.Combine(data, name);
            if (!Directory.Exists(from))
                return;
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                // Files being written are named *.tmp until complete: a half-written one is not a backup.
                if (file.EndsWith(".tmp", StringComparison.Ordinal))
                    continue;
                var to = Path.Combine(destination, name, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
                files++;
                bytes += new FileInfo(to).Length;
            }
        }

        Folder("audit");
        Folder("keys");
        using (var source = new SqliteConnection($"Data Source={Path.Combine(data, DatabaseFile)};Mode=ReadOnly;Pooling=False"))
        using (var copy = new SqliteConnection($"Data Source={Path.Combine(destination, DatabaseFile)};Pooling=False"))
        {
            source.Open();
            copy.Open();
            source.BackupDatabase(copy);
        }
        files++;
        bytes += new FileInfo(Path.Combine(destination, DatabaseFile)).Length;
        foreach (var name in FoldersAfterDatabase)
            Folder(name);
        return new Copied(files, bytes);
    }
}
