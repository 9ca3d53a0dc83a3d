using TeleDerm.Cli;
using TeleDerm.Cli.Commands;
using TeleDerm.Dicom.Storage.Tests.Support;
using TeleDerm.Dicom.Stores;
using TeleDerm.Dicom.Stores.DicomWeb;
using TeleDerm.Testing;

namespace TeleDerm.Dicom.Storage.Tests.Cli;

/// <summary>teleDerm dicom import DIR, run in process as the executable runs it.</summary>
public sealed class DicomImportCommandTests
{
    private readonly string input = Directory.CreateTempSubdirectory("teleDerm-import-in-").FullName;
    private readonly string data = Directory.CreateTempSubdirectory("teleDerm-import-data-").FullName;
    private readonly string patient = TestInstances.NewPatientId();

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = DicomCommands.Run(["import", .. args], new CliConsole(stdout, stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private void AddImages(int count)
    {
        for (var i = 0; i < count; i++)
            File.WriteAllBytes(Path.Combine(input, $"IMG{i:000}"), TestInstances.Dermoscopic(patient, DicomUid.Generate()));
    }

    [Fact]
    public async Task Images_go_into_the_file_store_under_the_data_folder_and_other_files_are_refused_by_name()
    {
        AddImages(2);
        File.Copy(TestInstances.CorpusPath("CT_small.dcm"), Path.Combine(input, "ct.dcm"));

        var (exit, stdout, _) = Run(input, "--data", data);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("ct.dcm: refused (UnsupportedSopClass)", stdout, StringComparison.Ordinal);
        Assert.Contains("imported 2 of 3 file(s)", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "teleDerm.db")));
        var store = new FileSystemDicomStore(Path.Combine(data, "dicom"), new EfDicomStoreIndex(TeleDermDatabases.OpenSqlite(data)));
        var found = await store.FindAsync(new DicomInstanceQuery { PatientId = patient });
        Assert.Equal(2, found.Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "IMG000")), await store.RetrieveAsync(DicomInstanceInfo.FromInstance(File.ReadAllBytes(Path.Combine(input, "IMG000"))).Key));
    }

    [Fact]
    public async Task Images_go_to_a_PACS_through_DICOMweb()
    {
        AddImages(3);

        var (exit, stdout, _) = Run(input, "--dicomweb", OrthancServer.Shared.DicomWebRoot.AbsoluteUri);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("imported 3 of 3 file(s)", stdout, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Equal(3, (await new DicomWebStore(http, OrthancServer.Shared.DicomWebRoot).FindAsync(new DicomInstanceQuery { PatientId = patient })).Count);
    }

    [Fact]
    public void Another_patient_is_refused_until_re_identification_is_confirmed()
    {
        AddImages(1);
        string[] options = [input, "--data", data, "--patient-id", "TD-9", "--patient-name", "Muller^Anna", "--birth-date", "1970-03-01", "--sex", "F"];

        var refused = Run(options);
        var confirmed = Run([.. options, "--confirm-reidentification"]);

        Assert.Equal(ExitCodes.InvalidInput, refused.Exit);
        Assert.Contains("refused (PatientMismatch)", refused.Out, StringComparison.Ordinal);
        Assert.Contains($"Patient ID: '{patient}' in the file, 'TD-9' expected", refused.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, confirmed.Exit);
        Assert.Contains("for patient TD-9, re-identified", confirmed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_invalid_input_and_a_missing_argument_a_usage_error()
    {
        Assert.Equal(ExitCodes.InvalidInput, Run(Path.Combine(input, "absent"), "--data", data).Exit);
        Assert.Equal(ExitCodes.Usage, Run().Exit);
        Assert.Equal(ExitCodes.Usage, Run(input, "--dicomweb", "not a url").Exit);
        Assert.Equal(ExitCodes.Usage, Run(input, "--sex", "F").Exit);
    }
}
