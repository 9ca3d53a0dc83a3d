using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Hosting;

/// <summary>
/// With TeleDerm:Security:KeyRingCertificatePath set, the Data Protection keys in the data folder are encrypted
/// with that certificate: readable by the app after a restart, by nobody without the certificate.
/// </summary>
public sealed class KeyRingEncryptionTests
{
    private const string Password = "key-ring-test";
    private readonly string folder = Directory.CreateTempSubdirectory("teleDerm-keyring-").FullName;

    private string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=TeleDerm key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "key-ring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private static string Protect(TeleDermAppFactory app, string text) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key-ring-test").Protect(text);

    private static string Unprotect(TeleDermAppFactory app, string text) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key-ring-test").Unprotect(text);

    [Fact]
    public void The_key_ring_is_encrypted_on_disk_and_only_the_certificate_opens_it_after_a_restart()
    {
        var dataDirectory = Path.Combine(folder, "data");
        var withCertificate = new Dictionary<string, string?>
        {
            ["TeleDerm:DataDirectory"] = dataDirectory,
            ["TeleDerm:Security:KeyRingCertificatePath"] = WriteCertificate(),
            ["TeleDerm:Security:KeyRingCertificatePassword"] = Password,
        };
        string sealedText;
        using (var first = new TeleDermAppFactory(withCertificate))
        {
            sealedText = Protect(first, "the CA key and the sign-in cookies depend on this");
        }

        var key = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "keys"), "key-*.xml")));
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal); // the clear master key's element

        using (var restarted = new TeleDermAppFactory(withCertificate))
        {
            Assert.Equal("the CA key and the sign-in cookies depend on this", Unprotect(restarted, sealedText));
        }
        using var withoutCertificate = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:DataDirectory"] = dataDirectory });
        // Without the certificate nothing protected can be read; the app says so at start (the audit seal key is the first it needs).
        var refused = Assert.ThrowsAny<Exception>(() => Unprotect(withoutCertificate, sealedText));
        Assert.IsAssignableFrom<CryptographicException>(refused.GetBaseException());
        Assert.Contains("TeleDerm:Security:KeyRingCertificatePath", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Two instances behind a load balancer: one database, one key ring, each reads what the other protected.</summary>
    [Fact]
    public async Task With_the_key_store_in_the_database_two_instances_share_one_encrypted_key_ring_and_no_folder_holds_keys()
    {
        var database = $"Data Source={Path.Combine(folder, "shared.db")}";
        Dictionary<string, string?> Instance(string name) => new()
        {
            ["TeleDerm:DataDirectory"] = Path.Combine(folder, name),
            ["TeleDerm:Database:ConnectionString"] = database,
            ["TeleDerm:Security:KeyStore"] = "Database",
            ["TeleDerm:Security:KeyRingCertificatePath"] = Path.Combine(folder, "key-ring.pfx"),
            ["TeleDerm:Security:KeyRingCertificatePassword"] = Password,
        };
        WriteCertificate();
        using var first = new TeleDermAppFactory(Instance("first"));
        _ = first.CreateClient(); // starts the app: migrations create the key table
        var sealedText = Protect(first, "a sign-in cookie made on the first instance");
        using var second = new TeleDermAppFactory(Instance("second"));
        _ = second.CreateClient();

        Assert.Equal("a sign-in cookie made on the first instance", Unprotect(second, sealedText));
        Assert.Equal("and back", Unprotect(first, Protect(second, "and back")));
        await using var scope = first.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<TeleDerm.Core.Data.TeleDermDbContext>().DataProtectionKeys
            .Select(k => k.Xml!).ToListAsync();
        var key = Assert.Single(keys);
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "first", "keys")) && Directory.EnumerateFiles(Path.Combine(folder, "first", "keys")).Any());
    }

    [Fact]
    public void A_wrong_password_stops_the_app_with_the_setting_name()
    {
        using var broken = new TeleDermAppFactory(new Dictionary<string, string?>
        {
            ["TeleDerm:Security:KeyRingCertificatePath"] = WriteCertificate(),
            ["TeleDerm:Security:KeyRingCertificatePassword"] = "not the password",
        });
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains("TeleDerm:Security:KeyRingCertificatePath", error.ToString(), StringComparison.Ordinal);
    }
}
