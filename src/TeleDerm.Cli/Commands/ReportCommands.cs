using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TeleDerm.Reports.Verification;

namespace TeleDerm.Cli.Commands;

/// <summary>
/// "report verify FILE [--trust CA.pem]...": is a signed report intact, who signed it and when, does the
/// signature cover the whole file. Exit code 0 when valid, 1 when not (or unreadable).
/// </summary>
public static class ReportCommands
{
    public static int Run(string[] args, CliConsole console)
    {
        if (args is not ["verify", .. var rest])
            return Usage.Fail(console, args.Length == 0 ? "report needs a subcommand (verify)" : $"report: unknown subcommand '{args[0]}'");
        string? file = null;
        var roots = new X509Certificate2Collection();
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] == "--trust")
            {
                if (i + 1 >= rest.Length)
                    return Usage.Fail(console, "report verify: --trust needs a PEM file of trusted root certificates");
                try
                {
                    roots.ImportFromPemFile(rest[++i]);
                }
                catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
                {
                    console.Error.WriteLine($"error: cannot read trusted roots from {rest[i]}: {e.Message}");
                    return ExitCodes.InvalidInput;
                }
            }
            else if (rest[i].StartsWith("--", StringComparison.Ordinal))
                return Usage.Fail(console, $"report verify: unknown option '{rest[i]}'");
            else if (file is null)
                file = rest[i];
            else
                return Usage.Fail(console, "report verify takes one FILE");
        }
        if (file is null)
            return Usage.Fail(console, "report verify needs a FILE");

        byte[] pdf;
        try
        {
            pdf = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read {file}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        var result = ReportVerifier.Verify(pdf, roots.Count > 0 ? roots : null);
        Print(console.Out, file, result, roots.Count > 0);
        return result.IsValid ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static void Print(TextWriter output, string file, ReportVerification result, bool trustChecked)
    {
        output.WriteLine($"{file}: {(result.IsValid ? "VALID" : "NOT VALID")}");
        if (result.Problem is not null)
        {
            output.WriteLine($"  {result.Problem}");
            return;
        }
        var number = 1;
        foreach (var signature in result.Signatures)
        {
            output.WriteLine($"  signature {number++}: {(signature.IsValid ? "valid" : "not valid")}");
            if (signature.Problem is not null)
                output.WriteLine($"    problem: {signature.Problem}");
            if (signature.SignerName is not null)
                output.WriteLine($"    signed by: {signature.SignerName} ({signature.SignerSubject})");
            if (signature.IssuerSubject is not null)
                output.WriteLine($"    issued by: {signature.IssuerSubject}");
            output.WriteLine($"    signed at: {(signature.SigningTimeUtc is { } time ? time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "unknown")}");
            output.WriteLine($"    type: {signature.SubFilter ?? "unknown"}");
            output.WriteLine($"    byte range: [{string.Join(' ', signature.ByteRange)}], {(signature.CoversWholeFile ? "covers the whole file" : "does NOT cover the whole file")}");
            output.WriteLine($"    content intact: {(signature.Intact ? "yes" : "no")}");
            output.WriteLine($"    certificate trusted: {signature.CertificateTrusted switch
            {
                true => "yes",
                false => "no",
                null => trustChecked ? "unknown" : "not checked (give --trust CA.pem)",
            }}");
        }
    }
}
