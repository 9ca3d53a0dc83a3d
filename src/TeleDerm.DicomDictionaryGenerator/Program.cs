// Generates src/TeleDerm.Dicom/Dictionary/*.Generated.cs from dcmtk's data dictionary (dicom.dic).
// Usage: dotnet run --project src/TeleDerm.DicomDictionaryGenerator -- /usr/share/libdcmtk17/dicom.dic src/TeleDerm.Dicom/Dictionary
using TeleDerm.DicomDictionaryGenerator;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: TeleDerm.DicomDictionaryGenerator DICOM_DIC_FILE OUTPUT_FOLDER");
    return 2;
}

if (!File.Exists(args[0]))
{
    Console.Error.WriteLine($"error: dictionary '{args[0]}' not found (apt-get install dcmtk; dpkg -L libdcmtk17 | grep dicom.dic)");
    return 1;
}

var entries = DcmtkDictionaryParser.Parse(File.ReadLines(args[0]));
Directory.CreateDirectory(args[1]);
File.WriteAllText(Path.Combine(args[1], "DicomDictionaryData.Generated.cs"), CSharpWriter.WriteEntries(entries));
File.WriteAllText(Path.Combine(args[1], "DicomTags.Generated.cs"), CSharpWriter.WriteTagConstants(entries));
Console.WriteLine($"wrote {entries.Count} entries to {args[1]}");
return 0;
