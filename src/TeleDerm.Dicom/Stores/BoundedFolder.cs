namespace TeleDerm.Dicom.Stores;

/// <summary>
/// A folder of files that can be made again (local copies of a PACS's instances, the viewer's tiles) kept under a
/// budget of bytes. A file is written aside then renamed, so a reader never opens half of one and two writers of
/// the same file both succeed. A read sets the file's modification time (access times are often not kept); once the
/// writes since the last trim pass a tenth of the budget, the least recently used files go until the rest fits.
/// </summary>
public sealed class BoundedFolder(string directory, string searchPattern, long budgetBytes)
{
    private readonly SemaphoreSlim trimming = new(1, 1);
    private long bytesSinceTrim = long.MaxValue / 2; // trim at the first write: the folder may hold files from before a restart

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The path in the folder of the file named by a DICOM UID and <paramref name="suffix"/>; refuses anything but digits and dots.</summary>
    public string PathOf(string uid, string suffix)
    {
        // UIDs are digits and dots (PS3.5 9.1): anything else must never become a path.
        if (uid.Length is 0 or > 64 || uid.Any(c => c is not (>= '0' and <= '9' or '.')))
        {
            throw new ArgumentException($"'{uid}' is not a DICOM UID.", nameof(uid));
        }
        return Path.Combine(Directory, uid + suffix);
    }

    /// <summary>Writes a file through <paramref name="write"/> (given a temporary path beside it), then trims when due.</summary>
    public async Task WriteAsync(string path, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await write(temporary, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        if (Interlocked.Add(ref bytesSinceTrim, new FileInfo(path).Length) > budgetBytes / 10)
        {
            await TrimAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Marks the file as just used.</summary>
    public static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Deletes the least recently used files until the folder is within the budget.</summary>
    private async Task TrimAsync()
    {
        if (!await trimming.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }
        try
        {
            Interlocked.Exchange(ref bytesSinceTrim, 0);
            long kept = 0;
            foreach (var file in new DirectoryInfo(Directory).GetFiles(searchPattern).OrderByDescending(f => f.LastWriteTimeUtc))
            {
                kept += file.Length;
                if (kept > budgetBytes)
                {
                    try
                    {
                        file.Delete();
                    }
                    catch (IOException)
                    {
                        // Being read right now: the next trim takes it.
                    }
                }
            }
        }
        finally
        {
            trimming.Release();
        }
    }
}
