using TeleDerm.Core.Data;
using TeleDerm.Dicom.Storage.Tests.Support;
using TeleDerm.Dicom.Stores;
using TeleDerm.Dicom.Stores.Outbox;
using TeleDerm.Testing;

namespace TeleDerm.Dicom.Storage.Tests.Outbox;

/// <summary>The outbox's own rules, with a remote store the test controls and a clock it moves.</summary>
public sealed class DicomOutboxTests
{
    private static readonly DicomOutboxOptions Options = new() { FirstRetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromMinutes(1) };

    private readonly TestDatabase database = TestDatabase.CreateMigrated(DatabaseProvider.Sqlite);
    private readonly string folder = Directory.CreateTempSubdirectory("teleDerm-outbox-").FullName;
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedRemoteStore remote = new();

    private DicomOutbox NewOutbox() => new(remote, new EfDicomOutboxQueue(database), folder, Options, clock);

    [Fact]
    public void The_retry_delay_doubles_after_each_failure_up_to_its_cap()
    {
        var delays = Enumerable.Range(1, 6).Select(Options.RetryDelay).Select(d => d.TotalSeconds);

        Assert.Equal([10, 20, 40, 60, 60, 60], delays);
    }

    [Fact]
    public async Task An_instance_is_kept_on_disk_and_in_the_queue_until_the_remote_store_accepts_it()
    {
        using var outbox = NewOutbox();
        var instance = TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate());
        remote.Available = false;

        await outbox.StoreAsync(instance);
        Assert.Equal(1, await outbox.DeliverDueAsync());
        Assert.Equal(1, await outbox.PendingCountAsync());
        Assert.Equal(instance, await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(folder))));

        remote.Available = true;
        Assert.Equal(0, await outbox.DeliverDueAsync());
        clock.Advance(Options.FirstRetryDelay);
        Assert.Equal(1, await outbox.DeliverDueAsync());

        Assert.Equal(0, await outbox.PendingCountAsync());
        Assert.Equal(instance, Assert.Single(remote.Stored));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task An_instance_deleted_before_delivery_is_never_sent_and_one_delivered_stays_with_the_remote_store()
    {
        using var outbox = NewOutbox();
        remote.Available = false;
        var discarded = await outbox.StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate()));
        Assert.True(await outbox.DeleteAsync(discarded.Key.SopInstanceUid));
        Assert.Equal(0, await outbox.PendingCountAsync());
        Assert.Empty(Directory.GetFiles(folder));

        remote.Available = true;
        var delivered = await outbox.StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate()));
        Assert.Equal(1, await outbox.DeliverDueAsync());
        Assert.False(await outbox.DeleteAsync(delivered.Key.SopInstanceUid)); // DICOMweb has no delete: the remote keeps it
        Assert.Single(remote.Stored);
    }

    [Fact]
    public async Task Each_failure_waits_twice_as_long_before_the_next_attempt()
    {
        using var outbox = NewOutbox();
        remote.Available = false;
        await outbox.StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate()));

        Assert.Equal(1, await outbox.DeliverDueAsync());
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await outbox.DeliverDueAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await outbox.DeliverDueAsync());
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await outbox.DeliverDueAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await outbox.DeliverDueAsync());

        await using var db = database.CreateDbContext();
        var row = Assert.Single(db.DicomOutbox);
        Assert.Equal(3, row.Attempts);
        Assert.Contains("down", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_instances_are_found_again_by_a_new_outbox_after_a_restart()
    {
        remote.Available = false;
        var instances = Enumerable.Range(0, 3).Select(_ => TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate())).ToList();
        using (var before = NewOutbox())
        {
            foreach (var instance in instances)
                await before.StoreAsync(instance);
        }

        remote.Available = true;
        using var after = NewOutbox();
        Assert.Equal(3, await after.DeliverDueAsync());

        Assert.Equal(instances.Select(Convert.ToBase64String).Order(), remote.Stored.Select(Convert.ToBase64String).Order());
    }

    [Fact]
    public async Task An_instance_the_remote_store_refuses_is_set_aside_with_its_file_and_never_retried()
    {
        using var outbox = NewOutbox();
        remote.Refuse = true;
        await outbox.StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate()));

        Assert.Equal(1, await outbox.DeliverDueAsync());
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await outbox.DeliverDueAsync());

        Assert.Equal(0, await outbox.PendingCountAsync());
        Assert.Single(Directory.GetFiles(folder));
        await using var db = database.CreateDbContext();
        var row = Assert.Single(db.DicomOutbox);
        Assert.True(row.IsRejected);
        Assert.Contains("refused", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_bytes_are_refused_at_once_and_never_queued()
    {
        using var outbox = NewOutbox();

        await Assert.ThrowsAsync<DicomFormatException>(() => outbox.StoreAsync(new byte[] { 1, 2, 3, 4 }));

        Assert.Equal(0, await outbox.PendingCountAsync());
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_connection_torn_down_under_the_client_is_retried_later_and_does_not_stop_delivery()
    {
        // What CI saw while Orthanc stopped: HttpClient let a bare SocketException through.
        using var outbox = NewOutbox();
        remote.Failure = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.NotConnected);
        await outbox.StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate()));

        Assert.Equal(1, await outbox.DeliverDueAsync());
        Assert.Equal(1, await outbox.PendingCountAsync());

        remote.Failure = null;
        clock.Advance(Options.FirstRetryDelay);
        Assert.Equal(1, await outbox.DeliverDueAsync());
        Assert.Equal(0, await outbox.PendingCountAsync());
        Assert.Single(remote.Stored);
    }

    [Fact]
    public async Task Two_instances_delivering_from_one_queue_send_each_instance_once()
    {
        using var first = NewOutbox();
        using var second = NewOutbox();
        var stored = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            stored.Add((await (i % 2 == 0 ? first : second).StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate()))).Key.SopInstanceUid);
        }

        var attempted = await Task.WhenAll(Task.Run(() => first.DeliverDueAsync()), Task.Run(() => second.DeliverDueAsync()));

        Assert.Equal(20, attempted.Sum());
        Assert.Equal(stored.Order(), remote.Stored.Select(b => DicomInstanceInfo.FromInstance(b).Key.SopInstanceUid).Order());
        Assert.Equal(0, await first.PendingCountAsync());
    }

    [Fact]
    public async Task The_batch_of_an_instance_that_died_while_delivering_is_delivered_by_another_when_its_claim_runs_out()
    {
        using var outbox = NewOutbox();
        await outbox.StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate()));
        var now = clock.GetUtcNow().UtcDateTime;
        // Another instance claims it, then dies before sending.
        Assert.Single(await new EfDicomOutboxQueue(database).ClaimDueAsync(now, 10, now + Options.Claim));

        Assert.Equal(0, await outbox.DeliverDueAsync());
        clock.Advance(Options.Claim);
        Assert.Equal(1, await outbox.DeliverDueAsync());
        Assert.Single(remote.Stored);
        Assert.Equal(0, await outbox.PendingCountAsync());
    }

    /// <summary>A remote store that is up, down or refusing, as the test says.</summary>
    private sealed class ScriptedRemoteStore : IDicomStore
    {
        public bool Available { get; set; } = true;
        public bool Refuse { get; set; }
        public Exception? Failure { get; set; }
        public List<byte[]> Stored { get; } = [];

        public Task<DicomInstanceInfo> StoreAsync(ReadOnlyMemory<byte> instance, CancellationToken cancellationToken = default)
        {
            if (Failure is not null)
                throw Failure;
            if (Refuse)
                throw new DicomStoreRejectedException("refused by the test");
            if (!Available)
                throw new DicomStoreUnavailableException("the remote store is down");
            lock (Stored)
                Stored.Add(instance.ToArray());
            return Task.FromResult(DicomInstanceInfo.FromInstance(instance));
        }

        public Task<IReadOnlyList<DicomInstanceInfo>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<byte[]?> RetrieveAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<byte[]?> RetrieveFrameAsync(DicomInstanceKey key, int frameNumber, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string?> RetrieveMetadataAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string sopInstanceUid, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
