using Npgsql;

namespace TeleDerm.Testing;

/// <summary>
/// A real PostgreSQL 15 server for the tests of this process: initdb into a temporary folder, started on
/// 127.0.0.1 with a free port, stopped when the process exits. Each test asks for a fresh database.
/// initdb refuses to run as root, so as root the server runs as the "postgres" system user.
/// Fault tests take a server of their own (<see cref="StartPrivate"/>) that they may stop and start again.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<PostgresServer> SharedServer = new(() => new PostgresServer(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static int databaseCounter;

    private readonly string root;
    private readonly string dataDirectory;
    private readonly bool asRoot = Environment.UserName == "root";
    private int stopped;

    public static PostgresServer Shared => SharedServer.Value;

    public int Port { get; }

    private PostgresServer()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinDirectory}/initdb is missing). Install the Debian package 'postgresql' (scripts/install-dependencies.sh does it).");
        }
        root = Directory.CreateTempSubdirectory("teleDerm-pg-").FullName;
        dataDirectory = Path.Combine(root, "data");
        Port = ProcessRunner.FreeTcpPort();
        if (asRoot)
        {
            ProcessRunner.Run("chown", ["-R", "postgres:postgres", root]);
            ProcessRunner.Run("chmod", ["755", root]);
        }
        Pg("initdb", "-D", dataDirectory, "-A", "trust", "-U", "teleDerm", "--encoding=UTF8", "--locale=C.UTF-8");
        StartServer();
        var stop = $"{Path.Combine(BinDirectory, "pg_ctl")} -D '{dataDirectory}' -m immediate -w stop";
        ServerWatchdog.Guard(asRoot ? $"runuser -u postgres -- {stop}" : stop, root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>A server for one test only, which it may stop and start (a database restart); dispose it at the end.</summary>
    public static PostgresServer StartPrivate() => new();

    /// <summary>Starts the server (again) on the same port and data, as after a restart.</summary>
    public void StartServer() =>
        Pg("pg_ctl", "-D", dataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");

    /// <summary>Stops the server as an administrator's restart does: open connections are closed, work in flight is rolled back.</summary>
    public void StopServer() => Pg("pg_ctl", "-D", dataDirectory, "-m", "fast", "-w", "stop");

    public void Dispose() => Stop();

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=teleDerm;Database={database};Include Error Detail=true";

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}";
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }
        try
        {
            Pg("pg_ctl", "-D", dataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (Exception)
        {
            // The process is exiting; a server that is already gone is fine.
        }
        ServerWatchdog.RemoveFolder(root);
    }

    private void Pg(string tool, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, tool);
        if (asRoot)
        {
            ProcessRunner.Run("runuser", ["-u", "postgres", "--", path, .. arguments], TimeSpan.FromMinutes(2), "/tmp");
        }
        else
        {
            ProcessRunner.Run(path, arguments, TimeSpan.FromMinutes(2));
        }
    }
}
