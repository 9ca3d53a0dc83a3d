using System.Globalization;
using TeleDerm.Dicom.Stores;

namespace TeleDerm.Dicom.Import;

/// <summary>The patient an imported image must belong to.</summary>
/// <param name="Name">DICOM person name, e.g. "Müller^Anna".</param>
/// <param name="Sex">M, F, O or empty.</param>
public sealed record PatientIdentity(string PatientId, string Name, DateOnly? BirthDate, string Sex);

/// <summary>What was stored, and whether the patient attributes were rewritten on the caller's confirmation.</summary>
public sealed record DicomImportResult(DicomInstanceInfo Instance, bool Reidentified, IReadOnlyList<string> Differences);

/// <summary>
/// Takes a file from a dermatoscope or a PACS into a store: reads it, checks it is a photographic or
/// dermoscopic image with pixel data, compares its patient with the expected one and rewrites the
/// patient attributes only when the caller confirms the mismatch. A file that needs no change is stored
/// byte for byte as it came.
/// </summary>
public sealed class DicomImporter(IDicomStore store)
{
    /// <summary>The SOP classes taken: VL Photographic (clinical photos) and Dermoscopic Photography (PS3.4 B.5).
    /// Other VL classes (endoscopic, microscopic, slide-coordinates, whole slide) are not skin photos.</summary>
    public static readonly IReadOnlyDictionary<string, string> AcceptedSopClasses = new Dictionary<string, string>
    {
        [DicomUid.VLPhotographicImageStorage.Value] = "VL Photographic Image Storage",
        [DicomUid.DermoscopicPhotographyImageStorage.Value] = "Dermoscopic Photography Image Storage",
    };

    private static readonly Dictionary<string, string> KnownRefusedClasses = new()
    {
        ["1.2.840.10008.5.1.4.1.1.77.1.1"] = "VL Endoscopic Image Storage",
        ["1.2.840.10008.5.1.4.1.1.77.1.2"] = "VL Microscopic Image Storage",
        ["1.2.840.10008.5.1.4.1.1.77.1.3"] = "VL Slide-Coordinates Microscopic Image Storage",
        ["1.2.840.10008.5.1.4.1.1.77.1.6"] = "VL Whole Slide Microscopy Image Storage",
        ["1.2.840.10008.5.1.4.1.1.7"] = "Secondary Capture Image Storage",
    };

    /// <param name="expectedPatient">The patient the image is imported for; null keeps the file's patient as it is.</param>
    /// <param name="confirmReidentification">The caller has seen the differences and wants the file's patient replaced.</param>
    public async Task<DicomImportResult> ImportAsync(ReadOnlyMemory<byte> bytes, PatientIdentity? expectedPatient, bool confirmReidentification, CancellationToken cancellationToken = default)
    {
        DicomFile file;
        try
        {
            // Pixel data stays in the caller's bytes: the checks need only its presence, and an unchanged file is stored as it came.
            file = DicomFile.Read(bytes, new IO.DicomReaderOptions { LazyPixelData = true });
        }
        catch (DicomFormatException e)
        {
            throw new DicomImportException(DicomImportRefusal.Malformed, $"not a readable DICOM file: {e.Message}", e);
        }

        var dataset = file.Dataset;
        CheckSopClass(dataset);
        CheckPixelData(dataset);
        var differences = expectedPatient is null ? [] : PatientDifferences(dataset, expectedPatient);
        if (differences.Count > 0 && !confirmReidentification)
        {
            throw new DicomImportException(DicomImportRefusal.PatientMismatch,
                $"the file belongs to another patient ({string.Join("; ", differences)}); confirm re-identification to import it for {expectedPatient!.PatientId}");
        }

        var toStore = bytes;
        if (differences.Count > 0)
        {
            Reidentify(dataset, expectedPatient!);
            // Pixel data stays as read: the writer keeps an encapsulated transfer syntax.
            toStore = file.ToBytes();
        }

        try
        {
            var info = await store.StoreAsync(toStore, cancellationToken).ConfigureAwait(false);
            return new DicomImportResult(info, differences.Count > 0, differences);
        }
        catch (DicomStoreRejectedException e)
        {
            throw new DicomImportException(DicomImportRefusal.RefusedByStore, e.Message, e);
        }
    }

    private static void CheckSopClass(DicomDataset dataset)
    {
        var sopClass = dataset.GetString(DicomTags.SOPClassUID);
        if (string.IsNullOrEmpty(sopClass))
            throw new DicomImportException(DicomImportRefusal.MissingAttribute, "SOP Class UID (0008,0016) is missing: cannot tell what kind of image this is");
        if (AcceptedSopClasses.ContainsKey(sopClass))
            return;
        var name = KnownRefusedClasses.TryGetValue(sopClass, out var known) ? $"{known} ({sopClass})" : sopClass;
        throw new DicomImportException(DicomImportRefusal.UnsupportedSopClass,
            $"SOP class {name} is not taken: only {string.Join(" and ", AcceptedSopClasses.Select(c => $"{c.Value} ({c.Key})"))}");
    }

    private static void CheckPixelData(DicomDataset dataset)
    {
        switch (dataset.GetItem(DicomTags.PixelData))
        {
            case null:
                throw new DicomImportException(DicomImportRefusal.NoPixelData, "the file has no Pixel Data (7FE0,0010): there is no image to import");
            case DicomFragmentSequence { Fragments.Count: 0 }:
            case DicomElement { Length: 0 }:
                throw new DicomImportException(DicomImportRefusal.NoPixelData, "Pixel Data (7FE0,0010) is empty: there is no image to import");
        }

        // The stores' own rule for the UIDs that address an instance, applied before anything is stored.
        try
        {
            DicomInstanceInfo.FromDataset(dataset, size: null);
        }
        catch (DicomStoreRejectedException e)
        {
            throw new DicomImportException(DicomImportRefusal.MissingAttribute, e.Message, e);
        }
    }

    private static List<string> PatientDifferences(DicomDataset dataset, PatientIdentity expected)
    {
        var differences = new List<string>();
        Compare("Patient ID", dataset.GetString(DicomTags.PatientID) ?? "", expected.PatientId, StringComparer.Ordinal);
        Compare("Patient's Name", NormalizeName(dataset.GetString(DicomTags.PatientName)), NormalizeName(expected.Name), StringComparer.OrdinalIgnoreCase);
        Compare("Patient's Birth Date", dataset.GetString(DicomTags.PatientBirthDate) ?? "", expected.BirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
        Compare("Patient's Sex", dataset.GetString(DicomTags.PatientSex) ?? "", expected.Sex, StringComparer.OrdinalIgnoreCase);
        return differences;

        void Compare(string what, string inFile, string wanted, StringComparer comparer)
        {
            if (!comparer.Equals(inFile.Trim(), wanted.Trim()))
                differences.Add($"{what}: '{inFile}' in the file, '{wanted}' expected");
        }
    }

    // "DOE^JOHN^^^" and "DOE^JOHN" are the same name (PS3.5 6.2.1.1: empty trailing components).
    private static string NormalizeName(string? name) => (name ?? "").TrimEnd('^', ' ');

    private static void Reidentify(DicomDataset dataset, PatientIdentity patient)
    {
        // The original identifier is kept as Other Patient IDs Sequence (0010,1002), PS3.3 C.7.1.1, so the change can be traced.
        var previousId = dataset.GetString(DicomTags.PatientID);
        if (!string.IsNullOrEmpty(previousId) && previousId != patient.PatientId)
        {
            var item = new DicomDataset().SetString(DicomTags.PatientID, previousId).SetString(DicomTags.TypeOfPatientID, "TEXT");
            dataset.SetSequence(DicomTags.OtherPatientIDsSequence, item);
        }

        // SetString encodes in the dataset's character set (and declares UTF-8 where none was declared).
        dataset.SetString(DicomTags.PatientID, patient.PatientId);
        dataset.SetString(DicomTags.PatientName, patient.Name);
        dataset.SetString(DicomTags.PatientBirthDate, patient.BirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "");
        dataset.SetString(DicomTags.PatientSex, patient.Sex);
    }
}
