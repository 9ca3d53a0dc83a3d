using System.ComponentModel.DataAnnotations;

namespace TeleDerm.Web.Hosting;

/// <summary>Configuration section "TeleDerm". Validated at start-up: a wrong setting stops the app with its name.</summary>
public sealed class TeleDermOptions
{
    public const string Section = "TeleDerm";

    /// <summary>Folder for the SQLite database, Data Protection keys and (later) the DICOM store. Relative paths are resolved against the current directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>IANA time zone in which times are shown (e.g. Europe/Paris); empty: the server's zone.</summary>
    public string? TimeZone { get; set; }

    public SecurityOptions Security { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);
}

public sealed class SecurityOptions
{
    public const string Section = TeleDermOptions.Section + ":Security";

    /// <summary>Sign-out after this long without input. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "12:00:00", ErrorMessage = "TeleDerm:Security:IdleTimeout must be between 5 seconds and 12 hours.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Two-factor is required for every role; this may relax it for GPs only.</summary>
    public bool RequireTwoFactorForGPs { get; set; } = true;

    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PKCS#12 file whose certificate encrypts the Data Protection key ring at rest (see <see cref="KeyRingCertificate"/>).</summary>
    public string? KeyRingCertificatePath { get; set; }

    public string? KeyRingCertificatePassword { get; set; }

    /// <summary>
    /// Where the Data Protection key ring lives: <see cref="KeyStore.Folder"/> (embedded default, "keys" in the data
    /// folder) or <see cref="KeyStore.Database"/>, which several app instances behind a load balancer share. Either way
    /// the keys are encrypted with <see cref="KeyRingCertificatePath"/>'s certificate when one is configured.
    /// </summary>
    public KeyStore KeyStore { get; set; } = KeyStore.Folder;

    /// <summary>
    /// Lets the app start in Production without <see cref="KeyRingCertificatePath"/>, the Data Protection keys then
    /// lying in clear in the data folder: for a demonstration machine only. Warned at every start and on the
    /// administrator's home page.
    /// </summary>
    public bool AllowUnprotectedKeys { get; set; }

    /// <summary>
    /// Served to browsers over HTTPS only (directly or behind a TLS proxy): cookies are "__Host-" and Secure, and HSTS
    /// is sent. Default: on in Production, off elsewhere (a demonstration over plain HTTP on loopback).
    /// </summary>
    public bool? HttpsOnly { get; set; }

    public bool IsHttpsOnly(IHostEnvironment environment) => HttpsOnly ?? environment.IsProduction();
}

public sealed class DemoOptions
{
    /// <summary>Creates demo accounts (one per role) and a demo department's cases on first start. Never in production.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where the synthetic sample images and their manifest.json are (the repository's samples folder).</summary>
    public string? SamplesDirectory { get; set; }
}

public enum KeyStore
{
    Folder,
    Database,
}
