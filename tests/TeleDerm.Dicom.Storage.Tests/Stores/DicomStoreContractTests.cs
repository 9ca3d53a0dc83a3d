using System.Text.Json;
using TeleDerm.Dicom.Storage.Tests.Support;
using TeleDerm.Dicom.Stores;

namespace TeleDerm.Dicom.Storage.Tests.Stores;

/// <summary>What every store does, whatever keeps the bytes: the same tests run on each store below.</summary>
public abstract class DicomStoreContractTests
{
    protected abstract IDicomStore Store { get; }

    private static DicomInstanceKey KeyOf(byte[] instance) => DicomInstanceInfo.FromInstance(instance).Key;

    [Fact]
    public async Task A_stored_instance_is_retrieved_byte_for_byte()
    {
        var instance = TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate());

        var stored = await Store.StoreAsync(instance);
        var retrieved = await Store.RetrieveAsync(stored.Key);

        Assert.NotNull(retrieved);
        Assert.Equal(instance, retrieved);
    }

    [Fact]
    public async Task Instances_are_found_by_patient_by_study_and_by_lesion_tracking_uid()
    {
        var patient = TestInstances.NewPatientId();
        var lesion = DicomUid.Generate();
        var study = DicomUid.Generate();
        var first = TestInstances.Dermoscopic(patient, lesion, study);
        var sameLesionLaterVisit = TestInstances.Dermoscopic(patient, lesion);
        var otherLesion = TestInstances.Dermoscopic(patient, DicomUid.Generate(), study);
        foreach (var instance in new[] { first, sameLesionLaterVisit, otherLesion })
            await Store.StoreAsync(instance);

        var byPatient = await Store.FindAsync(new DicomInstanceQuery { PatientId = patient });
        var byStudy = await Store.FindAsync(new DicomInstanceQuery { StudyInstanceUid = study.Value });
        var byLesion = await Store.FindAsync(new DicomInstanceQuery { TrackingUid = lesion.Value });

        Assert.Equal(SopUids(first, sameLesionLaterVisit, otherLesion), byPatient.Select(i => i.Key.SopInstanceUid).Order());
        Assert.Equal(SopUids(first, otherLesion), byStudy.Select(i => i.Key.SopInstanceUid).Order());
        Assert.Equal(SopUids(first, sameLesionLaterVisit), byLesion.Select(i => i.Key.SopInstanceUid).Order());
        var found = byLesion.Single(i => i.Key == KeyOf(first));
        Assert.Equal(DicomUid.DermoscopicPhotographyImageStorage.Value, found.SopClassUid);
        Assert.Equal(patient, found.PatientId);
        Assert.Equal(lesion.Value, found.TrackingUid);
        Assert.Equal(new DateTime(2026, 11, 22, 9, 30, 0), found.AcquisitionDateTime);
    }

    [Fact]
    public async Task A_query_for_an_unknown_patient_finds_nothing()
    {
        Assert.Empty(await Store.FindAsync(new DicomInstanceQuery { PatientId = TestInstances.NewPatientId() }));
    }

    [Fact]
    public async Task The_first_frame_is_the_wrapped_JPEG()
    {
        var stored = await Store.StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), DicomUid.Generate()));

        var frame = await Store.RetrieveFrameAsync(stored.Key, 1);

        Assert.NotNull(frame);
        // A fragment has even length (PS3.5 A.4): an odd JPEG comes back with one NUL of padding.
        var expected = TestInstances.Jpeg.Length % 2 == 0 ? TestInstances.Jpeg : [.. TestInstances.Jpeg, 0];
        Assert.Equal(expected, frame);
    }

    [Fact]
    public async Task Metadata_is_a_DICOM_JSON_object_with_the_instance_attributes()
    {
        var lesion = DicomUid.Generate();
        var stored = await Store.StoreAsync(TestInstances.Dermoscopic(TestInstances.NewPatientId(), lesion));

        var json = await Store.RetrieveMetadataAsync(stored.Key);

        Assert.NotNull(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(stored.Key.SopInstanceUid, document.RootElement.GetProperty("00080018").GetProperty("Value")[0].GetString());
        Assert.Equal(lesion.Value, document.RootElement.GetProperty("00620021").GetProperty("Value")[0].GetString());
        Assert.Equal("DMS", document.RootElement.GetProperty("00080060").GetProperty("Value")[0].GetString());
    }

    [Fact]
    public async Task An_instance_never_stored_is_not_retrieved()
    {
        var key = new DicomInstanceKey(DicomUid.Generate().Value, DicomUid.Generate().Value, DicomUid.Generate().Value);

        Assert.Null(await Store.RetrieveAsync(key));
        Assert.Null(await Store.RetrieveMetadataAsync(key));
        Assert.Null(await Store.RetrieveFrameAsync(key, 1));
    }

    [Fact]
    public async Task Storing_the_same_instance_twice_keeps_one_copy()
    {
        var patient = TestInstances.NewPatientId();
        var instance = TestInstances.Dermoscopic(patient, DicomUid.Generate());

        await Store.StoreAsync(instance);
        await Store.StoreAsync(instance);

        Assert.Single(await Store.FindAsync(new DicomInstanceQuery { PatientId = patient }));
        Assert.Equal(instance, await Store.RetrieveAsync(KeyOf(instance)));
    }

    [Fact]
    public async Task An_instance_without_a_Study_Instance_UID_is_refused_before_it_is_sent()
    {
        var file = TestInstances.Build(TestInstances.NewPatientId(), DicomUid.Generate());
        file.Dataset.Remove(DicomTags.StudyInstanceUID);

        var error = await Assert.ThrowsAsync<DicomStoreRejectedException>(() => Store.StoreAsync(file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit)));
        Assert.Contains("Study Instance UID", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> SopUids(params byte[][] instances) => instances.Select(i => KeyOf(i).SopInstanceUid).Order();
}
