namespace TeleDerm.Web.Hosting;

/// <summary>Whether the Data Protection key ring is encrypted at rest: read by the administrator's home page.</summary>
public sealed class KeyProtection(bool keyRingProtected)
{
    public bool KeyRingProtected { get; } = keyRingProtected;
}

/// <summary>Says at every start, in the log, when the key ring lies in clear (allowed outside Production, or by setting).</summary>
public sealed class KeyProtectionWarning(KeyProtection protection, ILogger<KeyProtectionWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!protection.KeyRingProtected)
        {
            logger.LogWarning("The Data Protection keys are stored unencrypted in the data folder: set TeleDerm:Security:KeyRingCertificatePath (docs/security.md).");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
