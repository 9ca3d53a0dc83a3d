using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;
using TeleDerm.Dicom.Storage;

namespace TeleDerm.Cli.Commands;

/// <summary>
/// "audit verify [--data DIR] [--postgres CONNECTION] [--key-ring-certificate FILE]": checks the audit trail as
/// the administrator's page does — every entry's sealed hash, the links between entries, and the checkpoints in
/// DIR/audit/checkpoints.jsonl — and lists each altered, removed or truncated entry with its position. It reads
/// the seal key through the app's Data Protection key ring (DIR/keys; the certificate's password from the
/// environment variable TELEDERM_KEY_RING_PASSWORD). Changes nothing. Exit code 0 when intact, 1 when not.
/// </summary>
public static class AuditCommands
{
    public static int Run(string[] args, CliConsole console)
    {
        if (args is not ["verify", .. var rest])
            return Usage.Fail(console, args.Length == 0 ? "audit needs a subcommand (verify)" : $"audit: unknown subcommand '{args[0]}'");
        string dataDirectory = "data";
        string? postgres = null, certificatePath = null;
        for (var i = 0; i < rest.Length; i++)
        {
            if (i + 1 >= rest.Length || !rest[i].StartsWith("--", StringComparison.Ordinal))
                return Usage.Fail(console, $"audit verify: unexpected '{rest[i]}'");
            switch (rest[i])
            {
                case "--data": dataDirectory = rest[++i]; break;
                case "--postgres": postgres = rest[++i]; break;
                case "--key-ring-certificate": certificatePath = rest[++i]; break;
                default: return Usage.Fail(console, $"audit verify: unknown option '{rest[i]}'");
            }
        }
        var sqlite = Path.Combine(dataDirectory, "teleDerm.db");
        if (postgres is null && !File.Exists(sqlite))
        {
            console.Error.WriteLine($"error: no database at {sqlite}: give --data the app's data folder, or --postgres its connection string");
            return ExitCodes.InvalidInput;
        }
        AuditSealKey seal;
        TeleDermDatabases databases;
        try
        {
            databases = new TeleDermDatabases(postgres is null
                ? DatabaseSetup.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={sqlite};Mode=ReadOnly")
                : DatabaseSetup.CreateOptions(DatabaseProvider.PostgreSql, postgres));
            seal = AuditSealKeys.LoadOrCreate(databases, KeyRing(dataDirectory, certificatePath), TimeProvider.System);
        }
        catch (Exception e) when (e is CryptographicException or IOException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            console.Error.WriteLine($"error: cannot read the audit seal key through the key ring in {Path.Combine(dataDirectory, "keys")}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        var checkpoints = new AuditCheckpointFile(Path.Combine(dataDirectory, "audit", "checkpoints.jsonl"));
        var result = new AuditChainVerifier(databases, seal, checkpoints).VerifyAsync().GetAwaiter().GetResult();
        if (result.IsIntact)
        {
            console.Out.WriteLine($"intact: {result.EntriesChecked} entries, sealed with key {seal.Id}, consistent with the checkpoints in {checkpoints.Path}");
            return ExitCodes.Ok;
        }
        console.Out.WriteLine($"NOT INTACT: {result.Problems.Count} problem(s) in {result.EntriesChecked} entries");
        foreach (var problem in result.Problems)
        {
            console.Out.WriteLine($"  entry {problem.Sequence}: {problem.Description}");
        }
        return ExitCodes.InvalidInput;
    }

    /// <summary>The app's Data Protection key ring, configured as the web host configures it.</summary>
    private static IDataProtectionProvider KeyRing(string dataDirectory, string? certificatePath)
    {
        var keys = new DirectoryInfo(Path.Combine(dataDirectory, "keys"));
        if (certificatePath is null)
            return DataProtectionProvider.Create(keys, builder => builder.SetApplicationName("TeleDerm"));
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, Environment.GetEnvironmentVariable("TELEDERM_KEY_RING_PASSWORD"),
            X509KeyStorageFlags.EphemeralKeySet);
        return DataProtectionProvider.Create(keys, builder => builder.SetApplicationName("TeleDerm").ProtectKeysWithCertificate(certificate));
    }
}
