using System.Globalization;
using TeleDerm.Dicom.IO;

namespace TeleDerm.Dicom.Validation;

/// <summary>Checks a file is well-formed: it parses, has the File Meta Information and SOP identity of PS3.10 7.1,
/// and its UI, DA, DS and IS values follow PS3.5 6.2. Not an IOD validator (use dciodvfy for that).</summary>
public static class DicomValidator
{
    public static IReadOnlyList<DicomValidationIssue> ValidateFile(string path)
    {
        DicomFile file;
        try
        {
            file = DicomFile.Open(path, new DicomReaderOptions { LazyPixelData = true });
        }
        catch (DicomFormatException e)
        {
            return [new DicomValidationIssue(DicomValidationSeverity.Error, e.Message)];
        }

        return Validate(file);
    }

    public static IReadOnlyList<DicomValidationIssue> Validate(DicomFile file)
    {
        var issues = new List<DicomValidationIssue>();
        void Error(string message) => issues.Add(new DicomValidationIssue(DicomValidationSeverity.Error, message));
        void Warn(string message) => issues.Add(new DicomValidationIssue(DicomValidationSeverity.Warning, message));

        foreach (var warning in file.ReadResult?.Warnings ?? [])
            Warn(warning);

        var meta = file.FileMetaInformation;
        if (meta.Count == 0)
        {
            Error("no File Meta Information (PS3.10 7.1)");
        }
        else
        {
            foreach (var tag in new[] { DicomTags.MediaStorageSOPClassUID, DicomTags.MediaStorageSOPInstanceUID, DicomTags.TransferSyntaxUID })
            {
                if (string.IsNullOrEmpty(meta.GetString(tag)))
                    Error($"File Meta Information lacks {tag}");
            }
        }

        var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID);
        var sopInstance = file.Dataset.GetString(DicomTags.SOPInstanceUID);
        if (string.IsNullOrEmpty(sopClass))
            Error("SOP Class UID (0008,0016) missing");
        if (string.IsNullOrEmpty(sopInstance))
            Error("SOP Instance UID (0008,0018) missing");
        if (meta.Count > 0 && sopInstance is { Length: > 0 } && meta.GetString(DicomTags.MediaStorageSOPInstanceUID) is { Length: > 0 } media && media != sopInstance)
            Error($"Media Storage SOP Instance UID {media} differs from SOP Instance UID {sopInstance}");

        CheckValues(file.Dataset, "", Error);
        CheckValues(meta, "", Error);
        return issues;
    }

    private static void CheckValues(DicomDataset dataset, string path, Action<string> error)
    {
        foreach (var item in dataset)
        {
            var where = path + item.Tag;
            if (item is DicomSequence sequence)
            {
                for (var i = 0; i < sequence.Items.Count; i++)
                    CheckValues(sequence.Items[i], $"{where}[{i}]", error);
                continue;
            }

            if (item is not DicomElement element || !element.VR.IsString)
                continue;
            foreach (var value in dataset.GetStrings(item.Tag).Where(v => v.Length > 0))
            {
                var ok = element.VR switch
                {
                    _ when element.VR == DicomVR.UI => new DicomUid(value).IsValid,
                    _ when element.VR == DicomVR.IS => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                    _ when element.VR == DicomVR.DS => value.Length <= 16 && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                    _ when element.VR == DicomVR.DA => DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    _ => true,
                };
                if (!ok)
                    error($"{where} {element.VR} value '{value}' is not valid (PS3.5 6.2)");
            }
        }
    }
}
