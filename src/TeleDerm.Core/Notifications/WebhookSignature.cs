using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TeleDerm.Core.Notifications;

/// <summary>
/// The signature of a webhook call, in its <c>TeleDerm-Signature</c> header: <c>t=UNIX-SECONDS,v1=HEX</c>, where HEX is
/// HMAC-SHA256, keyed by the practice's secret, of "UNIX-SECONDS." followed by the exact bytes of the body. The time is
/// signed with the body so that a call recorded by someone on the way cannot be played again later
/// (docs/integration.md shows a receiver checking both).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "TeleDerm-Signature";

    /// <summary>How far the signed time may be from the receiver's clock (what <see cref="Verify"/> accepts).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Compute(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var seconds = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={seconds},v1={Mac(secret, seconds, body)}";
    }

    /// <summary>What a receiver does: the header is well formed, its time close to <paramref name="now"/>, its MAC that of the body.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        string? seconds = null, mac = null;
        foreach (var part in (header ?? "").Split(','))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)) seconds = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) mac = part[3..];
        }
        if (seconds is null || mac is null || !long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || unix > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > Tolerance)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Mac(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(mac));
    }

    private static string Mac(string secret, string seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(seconds + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
