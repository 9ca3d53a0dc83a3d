using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TeleDerm.Core.Accounts;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps, 6 digits,
/// which is what every authenticator app produces. Ours rather than Identity's so that the matched time
/// step is known and a code can be refused when it is used a second time.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    public static long TimeStepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public static string Compute(byte[] key, long timeStep)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        // Dynamic truncation, RFC 4226 §5.3.
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Finds the time step within ±<paramref name="allowedDrift"/> steps of <paramref name="now"/> whose code
    /// equals <paramref name="code"/>, or null. Comparison is constant-time.
    /// </summary>
    public static long? MatchTimeStep(byte[] key, string code, DateTimeOffset now, int allowedDrift = 1)
    {
        code = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }
        var current = TimeStepAt(now);
        for (var step = current - allowedDrift; step <= current + allowedDrift; step++)
        {
            var expected = Compute(key, step);
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }
        return null;
    }
}
