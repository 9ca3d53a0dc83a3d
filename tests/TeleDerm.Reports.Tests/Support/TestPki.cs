using System.Security.Cryptography.X509Certificates;
using TeleDerm.Reports.Certificates;
using TeleDerm.Reports.Signing;

namespace TeleDerm.Reports.Tests.Support;

/// <summary>
/// A test certificate authority and a dermatologist's signing certificate issued by it, made once per test
/// run, plus the same root as a PEM file and an NSS database that trusts it (for pdfsig).
/// </summary>
public static class TestPki
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    private static readonly Lazy<X509Certificate2> LazyRoot = new(() =>
        CertificateAuthority.CreateRoot("TeleDerm Test CA", "TeleDerm tests", Now.AddDays(-1)));

    private static readonly Lazy<SigningIdentity> LazyDermatologist = new(() =>
        new SigningIdentity(
            CertificateAuthority.IssueSigningCertificate(Root, "Dr Claire Martin", "TeleDerm tests", "claire.martin@example.org", Now.AddDays(-1)),
            [Root]));

    private static readonly Lazy<string> LazyFolder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("teleDerm-pki-").FullName;
        File.WriteAllText(Path.Combine(folder, "ca.pem"), Root.ExportCertificatePem());
        var nss = Path.Combine(folder, "nss");
        Directory.CreateDirectory(nss);
        Check(ExternalTool.Run("certutil", "libnss3-tools", "-N", "-d", "sql:" + nss, "--empty-password"));
        Check(ExternalTool.Run("certutil", "libnss3-tools", "-A", "-d", "sql:" + nss, "-n", "TeleDerm Test CA", "-t", "C,C,C", "-i", Path.Combine(folder, "ca.pem")));
        return folder;
    });

    public static X509Certificate2 Root => LazyRoot.Value;
    public static SigningIdentity Dermatologist => LazyDermatologist.Value;
    public static X509Certificate2Collection TrustedRoots => [X509CertificateLoader.LoadCertificate(Root.RawData)];
    public static string RootPemPath => Path.Combine(LazyFolder.Value, "ca.pem");
    /// <summary>The NSS database trusting the test root, as pdfsig's -nssdir wants it.</summary>
    public static string NssDatabase => "sql:" + Path.Combine(LazyFolder.Value, "nss");

    private static void Check(ExternalTool.Result result) =>
        Assert.True(result.ExitCode == 0, $"certutil failed: {result.All}");
}
