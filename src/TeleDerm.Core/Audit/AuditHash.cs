using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TeleDerm.Core.Audit;

/// <summary>
/// The hash of an audit entry over a length-prefixed encoding of every field, so that no two different entries
/// can encode to the same bytes (a separator inside a value cannot fake a field): keyed (HMAC) since the chain
/// is sealed, bare SHA-256 for the entries written before.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The unkeyed hash of entries written before the chain was sealed (their KeyId is null).</summary>
    public static string Compute(AuditEntry entry) => Compute(entry, null);

    /// <summary>
    /// An entry's hash: HMAC-SHA256 with the seal key when the entry names one (then the key's id is hashed too),
    /// plain SHA-256 for older unsealed entries. Throws when the entry names a key other than <paramref name="key"/>.
    /// </summary>
    public static string Compute(AuditEntry entry, AuditSealKey? key)
    {
        var builder = new StringBuilder(256);
        void Field(string? value)
        {
            if (value is null)
            {
                builder.Append("-;");
                return;
            }
            builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
        }
        Field(entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(entry.AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
        Field(entry.UserId);
        Field(entry.UserName);
        Field(entry.Action);
        Field(((int)entry.Outcome).ToString(CultureInfo.InvariantCulture));
        Field(entry.RecordType);
        Field(entry.RecordId);
        Field(entry.PatientId);
        Field(entry.IpAddress);
        Field(entry.Details);
        Field(entry.PreviousHash);
        if (entry.KeyId is null)
        {
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
        }
        if (key is null || key.Id != entry.KeyId)
        {
            throw new AuditKeyUnavailableException(entry.Sequence, entry.KeyId);
        }
        Field(entry.KeyId);
        return key.Mac(builder.ToString());
    }

    /// <summary>Databases keep microseconds at best (PostgreSQL); hashing a finer time would not survive a round trip.</summary>
    public static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}

public sealed class AuditKeyUnavailableException(long sequence, string keyId)
    : Exception($"Entry {sequence} is sealed with key {keyId}, which this server does not hold.")
{
    public long Sequence { get; } = sequence;
}
