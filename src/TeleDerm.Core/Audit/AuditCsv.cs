using System.Globalization;
using System.Text;

namespace TeleDerm.Core.Audit;

/// <summary>CSV export of audit entries (RFC 4180 quoting), hashes included so an export can be re-verified elsewhere.</summary>
public static class AuditCsv
{
    public const string Header = "sequence,at_utc,user_id,user_name,action,outcome,record_type,record_id,patient_id,ip_address,details,previous_hash,hash";

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        await writer.WriteLineAsync(Header);
        var line = new StringBuilder();
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            line.Clear();
            line.Append(e.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)).Append(',');
            foreach (var value in new[] { e.UserId, e.UserName, e.Action, e.Outcome.ToString(), e.RecordType, e.RecordId, e.PatientId, e.IpAddress, e.Details, e.PreviousHash })
            {
                line.Append(Quote(value)).Append(',');
            }
            line.Append(e.Hash);
            await writer.WriteLineAsync(line.ToString());
        }
    }

    /// <summary>Quotes when needed, and defuses spreadsheet formulas (a value starting with = + - @).</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
