using System.Diagnostics;
using TeleDerm.Core.Data;
using TeleDerm.Dicom.Storage.Tests.Support;
using TeleDerm.Dicom.Stores;
using TeleDerm.Dicom.Stores.DicomWeb;
using TeleDerm.Dicom.Stores.Outbox;
using TeleDerm.Testing;

namespace TeleDerm.Dicom.Storage.Tests.Outbox;

/// <summary>The outbox against a real Orthanc that is stopped while instances are being stored.</summary>
public sealed class OutboxThroughOrthancTests : IDisposable
{
    // Short back-off so the test stays well under a minute; the rules themselves are tested with a clock in DicomOutboxTests.
    private static readonly DicomOutboxOptions FastRetries = new()
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        IdlePollInterval = TimeSpan.FromMilliseconds(200),
    };

    private readonly OrthancServer orthanc = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Two_hundred_instances_stored_while_Orthanc_stops_all_arrive_byte_identical_after_it_and_the_outbox_restart()
    {
        var started = Stopwatch.StartNew();
        var remote = new DicomWebStore(http, orthanc.DicomWebRoot);
        var database = TestDatabase.CreateMigrated(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("teleDerm-outbox-").FullName;
        var patient = TestInstances.NewPatientId();
        var instances = Enumerable.Range(0, 200).Select(_ => TestInstances.Dermoscopic(patient, DicomUid.Generate())).ToList();

        // First process: delivering while storing; Orthanc goes down after the first 50.
        using (var outbox = new DicomOutbox(remote, new EfDicomOutboxQueue(database), folder, FastRetries))
        using (var stopDelivery = new CancellationTokenSource())
        {
            var delivery = outbox.RunDeliveryAsync(stopDelivery.Token);
            for (var i = 0; i < instances.Count; i++)
            {
                if (i == 50)
                    orthanc.Stop();
                await outbox.StoreAsync(instances[i]);
            }

            await Task.Delay(500); // a few failed attempts against the stopped server
            await stopDelivery.CancelAsync();
            await delivery;
            Assert.True(await outbox.PendingCountAsync() >= 150);
        }

        // Second process: a new outbox over the same folder and database, Orthanc back on the same port and storage.
        orthanc.Start();
        using (var outbox = new DicomOutbox(remote, new EfDicomOutboxQueue(database), folder, FastRetries))
        using (var stopDelivery = new CancellationTokenSource())
        {
            var delivery = outbox.RunDeliveryAsync(stopDelivery.Token);
            // A bound, not a timing: the whole run took 51 s once in a full run on two loaded cores, so the bound is
            // generous (a drain that stalls still fails, saying how far it got).
            var draining = Stopwatch.StartNew();
            int pending;
            while ((pending = await outbox.PendingCountAsync()) > 0)
            {
                Assert.True(draining.Elapsed < TimeSpan.FromMinutes(3), $"the outbox did not drain in 3 minutes: {pending} of 200 still pending ({started.Elapsed.TotalSeconds:0} s since the start)");
                await Task.Delay(100);
            }

            await stopDelivery.CancelAsync();
            await delivery;
        }

        Assert.Empty(Directory.GetFiles(folder));
        Assert.Equal(200, (await remote.FindAsync(new DicomInstanceQuery { PatientId = patient })).Count);
        foreach (var instance in instances)
            Assert.Equal(instance, await remote.RetrieveAsync(DicomInstanceInfo.FromInstance(instance).Key));
    }

    public void Dispose()
    {
        http.Dispose();
        orthanc.Dispose();
    }
}
