using System.Globalization;
using TeleDerm.Dicom.Import;
using TeleDerm.Dicom.Storage;
using TeleDerm.Dicom.Stores;
using TeleDerm.Dicom.Stores.DicomWeb;

namespace TeleDerm.Cli.Commands;

/// <summary>
/// dicom import DIR: every file under DIR through <see cref="DicomImporter"/> into the configured store:
/// the embedded file-system store under --data (files in dicom/, index in teleDerm.db, as the app keeps
/// them) or a PACS through --dicomweb URL. One line per file; exit 1 when any file is refused.
/// </summary>
public static class DicomImportCommand
{
    public static int Run(string[] args, CliConsole console)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            return Usage.Fail(console, "dicom import needs a folder: dicom import DIR");
        var folder = args[0];
        var dataDirectory = "data";
        string? dicomWeb = null;
        string? patientId = null, name = null, sex = null;
        DateOnly? birthDate = null;
        var confirm = false;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data" when value is not null:
                    dataDirectory = value;
                    break;
                case "--dicomweb" when Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                    dicomWeb = value;
                    break;
                case "--patient-id" when value is not null:
                    patientId = value;
                    break;
                case "--patient-name" when value is not null:
                    name = value;
                    break;
                case "--birth-date" when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                    birthDate = date;
                    break;
                case "--sex" when value is "M" or "F" or "O":
                    sex = value;
                    break;
                case "--confirm-reidentification":
                    confirm = true;
                    continue;
                default:
                    return Usage.Fail(console, $"dicom import: bad option '{args[i]}'{(value is null ? "" : $" '{value}'")}");
            }

            i++;
        }

        if (!Directory.Exists(folder))
        {
            console.Error.WriteLine($"error: folder '{folder}' not found");
            return ExitCodes.InvalidInput;
        }

        var patient = patientId is null ? null : new PatientIdentity(patientId, name ?? "", birthDate, sex ?? "");
        if (patient is null && (name ?? sex ?? (object?)birthDate) is not null)
            return Usage.Fail(console, "dicom import: --patient-name, --birth-date and --sex need --patient-id");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        IDicomStore store = dicomWeb is not null
            ? new DicomWebStore(http, new Uri(dicomWeb))
            : new FileSystemDicomStore(Path.Combine(dataDirectory, "dicom"), new EfDicomStoreIndex(TeleDermDatabases.OpenSqlite(dataDirectory)));
        return ImportAll(folder, new DicomImporter(store), patient, confirm, console);
    }

    private static int ImportAll(string folder, DicomImporter importer, PatientIdentity? patient, bool confirm, CliConsole console)
    {
        // Dermatoscopes and PACS exports do not always use the .dcm extension: every file is tried.
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var imported = 0;
        foreach (var file in files)
        {
            try
            {
                var result = importer.ImportAsync(File.ReadAllBytes(file), patient, confirm).GetAwaiter().GetResult();
                var note = result.Reidentified ? $", re-identified ({string.Join("; ", result.Differences)})" : "";
                console.Out.WriteLine($"{file}: stored {result.Instance.Key.SopInstanceUid} for patient {result.Instance.PatientId}{note}");
                imported++;
            }
            catch (DicomImportException e)
            {
                console.Out.WriteLine($"{file}: refused ({e.Refusal}): {e.Message}");
            }
            catch (DicomStoreUnavailableException e)
            {
                console.Out.WriteLine($"{file}: not stored, the store is unavailable: {e.Message}");
            }
        }

        console.Out.WriteLine($"imported {imported} of {files.Count} file(s)");
        return imported == files.Count ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
