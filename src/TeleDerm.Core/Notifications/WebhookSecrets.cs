using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace TeleDerm.Core.Notifications;

/// <summary>
/// A webhook's signing secret: 256 random bits ("whsec_" + base64url), shown once to the administrator who creates it
/// and stored encrypted by the Data Protection key ring (itself encrypted with the hospital's certificate), so that a
/// copy of the database alone cannot forge calls to a practice.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private const string Purpose = "TeleDerm.Notifications.WebhookSecrets.v1";
    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public static string New() => "whsec_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string stored) => protector.Unprotect(stored);
}
