using System.Globalization;
using System.Text.Json;

namespace TeleDerm.Core.Audit;

/// <summary>
/// The head of the audit trail at a moment (how many entries, the last one's hash), authenticated with the seal
/// key and kept outside the database (a file, and the log). A database whose last entries were deleted, or whose
/// whole trail was rewritten, no longer matches its checkpoints.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime AtUtc, string KeyId, string Mac)
{
    public static AuditCheckpoint Create(long sequence, string hash, DateTime atUtc, AuditSealKey key) =>
        new(sequence, hash, atUtc, key.Id, key.Mac(Text(sequence, hash, atUtc)));

    public bool IsAuthentic(AuditSealKey? key) => key is not null && key.Id == KeyId && key.Mac(Text(Sequence, Hash, AtUtc)) == Mac;

    private static string Text(long sequence, string hash, DateTime atUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"audit-checkpoint|{sequence}|{hash}|{atUtc:O}");
}

/// <summary>Checkpoints appended to a file, one JSON object a line (the app only ever appends to it).</summary>
public sealed class AuditCheckpointFile(string path)
{
    public string Path { get; } = path;

    public async Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        await File.AppendAllTextAsync(Path, JsonSerializer.Serialize(checkpoint) + "\n", cancellationToken);
    }

    /// <summary>Every line, in order; a line that is not a checkpoint comes back as null (and fails verification).</summary>
    public async Task<IReadOnlyList<AuditCheckpoint?>> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return [];
        }
        var lines = await File.ReadAllLinesAsync(Path, cancellationToken);
        return [.. lines.Where(l => l.Length > 0).Select(Parse)];
    }

    private static AuditCheckpoint? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
