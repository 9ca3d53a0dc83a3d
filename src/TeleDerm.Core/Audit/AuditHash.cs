using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TeleDerm.Core.Audit;

/// <summary>
/// The hash of an audit entry: SHA-256 over a length-prefixed encoding of every field, so that no two
/// different entries can encode to the same bytes (a separator inside a value cannot fake a field).
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Compute(AuditEntry entry)
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>Databases keep microseconds at best (PostgreSQL); hashing a finer time would not survive a round trip.</summary>
    public static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
