using TeleDerm.Core.Data;
using TeleDerm.Dicom.Storage.Tests.Support;
using TeleDerm.Dicom.Stores;
using TeleDerm.Testing;

namespace TeleDerm.Dicom.Storage.Tests.Stores;

/// <summary>What only the embedded store promises: where files go, and that nothing is overwritten.</summary>
public sealed class FileSystemDicomStoreTests
{
    private readonly string root = Directory.CreateTempSubdirectory("teleDerm-store-").FullName;
    private readonly TestDatabase database = TestDatabase.CreateMigrated(DatabaseProvider.Sqlite);
    private readonly FileSystemDicomStore store;

    public FileSystemDicomStoreTests() => store = new FileSystemDicomStore(root, new EfDicomStoreIndex(database));

    [Fact]
    public async Task An_instance_is_a_Part_10_file_at_a_path_made_of_its_UIDs_with_no_temporary_file_left()
    {
        var instance = TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate());

        var info = await store.StoreAsync(instance);

        var path = Path.Combine(root, info.Key.StudyInstanceUid, info.Key.SeriesInstanceUid, info.Key.SopInstanceUid + ".dcm");
        Assert.Equal(instance, await File.ReadAllBytesAsync(path));
        Assert.Equal([path], Directory.GetFiles(root, "*", SearchOption.AllDirectories));
        Assert.Equal(instance.Length, info.Size);
    }

    [Fact]
    public async Task An_instance_that_would_leave_less_than_the_kept_free_space_is_refused_and_nothing_of_it_is_written()
    {
        // Keep 16 GB more than is free now: other tests on the same disk (the full suite runs assemblies side by side)
        // delete their files meanwhile, and keeping exactly today's free space let an instance in once.
        var free = new DriveInfo(root).AvailableFreeSpace;
        var full = new FileSystemDicomStore(root, new EfDicomStoreIndex(database), minimumFreeBytes: free + (16L << 30));
        var instance = TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate());

        var refused = await Assert.ThrowsAsync<DicomStoreFullException>(() => full.StoreAsync(instance));

        Assert.Contains("free space", refused.Message, StringComparison.Ordinal);
        Assert.True(full.RoomBytes() < instance.Length);
        Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
        await using var db = database.CreateDbContext();
        Assert.Empty(db.DicomInstances);
        // With room kept small, the same instance goes in.
        Assert.Equal(instance.Length, (await store.StoreAsync(instance)).Size);
    }

    [Fact]
    public async Task A_write_that_stops_half_way_leaves_no_part_of_the_file_behind()
    {
        var instance = TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate());
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.StoreAsync(instance, stopped.Token));

        Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_index_row_holds_the_size_and_SHA_256_of_the_file()
    {
        var instance = TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate());
        var info = await store.StoreAsync(instance);

        await using var db = database.CreateDbContext();
        var record = db.DicomInstances.Single(r => r.SopInstanceUid == info.Key.SopInstanceUid);
        Assert.Equal(instance.Length, record.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(instance)), record.Sha256);
        Assert.Equal($"{info.Key.StudyInstanceUid}/{info.Key.SeriesInstanceUid}/{info.Key.SopInstanceUid}.dcm", record.RelativePath);
    }

    [Fact]
    public async Task A_different_instance_with_a_stored_SOP_Instance_UID_is_refused_and_the_first_is_kept()
    {
        var file = TestInstances.Build(TestInstances.NewPatientId(), DicomUid.Generate());
        var first = file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit);
        await store.StoreAsync(first);
        file.Dataset.SetString(DicomTags.PatientName, "Other^Person");
        var second = file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit);

        var error = await Assert.ThrowsAsync<DicomStoreConflictException>(() => store.StoreAsync(second));

        Assert.Contains(file.Dataset.GetString(DicomTags.SOPInstanceUID)!, error.Message, StringComparison.Ordinal);
        Assert.Equal(first, await store.RetrieveAsync(DicomInstanceInfo.FromInstance(first).Key));
    }

    [Fact]
    public async Task A_file_left_without_an_index_row_is_not_overwritten_by_a_different_instance()
    {
        var file = TestInstances.Build(TestInstances.NewPatientId(), DicomUid.Generate());
        var bytes = file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit);
        var key = DicomInstanceInfo.FromInstance(bytes).Key;
        var path = Path.Combine(root, key.StudyInstanceUid, key.SeriesInstanceUid, key.SopInstanceUid + ".dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, [1, 2, 3]);

        await Assert.ThrowsAsync<DicomStoreConflictException>(() => store.StoreAsync(bytes));

        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_UID_that_could_escape_the_root_folder_is_refused()
    {
        var file = TestInstances.Build(TestInstances.NewPatientId(), DicomUid.Generate());
        file.Dataset.SetString(DicomTags.SeriesInstanceUID, "../../etc");

        var error = await Assert.ThrowsAsync<DicomStoreRejectedException>(() => store.StoreAsync(file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit)));

        Assert.Contains("not a valid UID", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }

    [Fact]
    public async Task Bytes_that_are_not_DICOM_are_refused_with_the_codec_reason()
    {
        await Assert.ThrowsAsync<DicomFormatException>(() => store.StoreAsync("not a DICOM file at all"u8.ToArray()));
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }

    [Fact]
    public async Task A_query_without_any_criterion_is_an_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.FindAsync(new DicomInstanceQuery()));
    }
}
