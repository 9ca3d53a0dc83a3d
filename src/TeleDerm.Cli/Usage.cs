namespace TeleDerm.Cli;

public static class Usage
{
    public const string Text = """
        usage: teleDerm <command> [arguments]

        commands:
          dicom json FILE...                         print each file as DICOM JSON (PS3.18 F.2)
          dicom validate FILE...                     check that each file is well-formed DICOM
          dicom fuzz [--iterations N] [--seed S] [--corpus DIR]
                                                     feed mutated files to the reader; report failures
          dicom import DIR [--data DIR | --dicomweb URL] [--patient-id ID [--patient-name NAME]
                [--birth-date YYYY-MM-DD] [--sex M|F|O] [--confirm-reidentification]]
                                                     store every image under DIR (default store: files and
                                                     SQLite index under --data, default ./data)
          score IMAGE... [--age YEARS] [--sex female|male] [--model PATH]
                                                     risk of melanoma per image, one JSON line each
          score --csv FILE [--model PATH]            the same for the rows of a CSV (columns file,age,sex)
          report verify FILE [--trust CA.pem]...     check a signed report: valid or not, who signed and
                                                     when, whether the signature covers the whole file
          audit verify [--data DIR] [--postgres CONNECTION] [--key-ring-certificate FILE]
                                                     check the audit trail (sealed hashes, links,
                                                     checkpoints): list altered, removed and truncated
                                                     entries; the certificate's password is read from
                                                     TELEDERM_KEY_RING_PASSWORD
          backup --data DIR --to DIR                 a consistent copy of an embedded installation (SQLite,
                                                     keys, audit checkpoints, DICOM store, reports) while the
                                                     app runs; restore: use it as the data folder
          samples generate --out DIR [--seed N] [--lesions N]
                                                     draw synthetic lesion images (no patient) and
                                                     manifest.json into DIR (default seed 2026, 30 lesions)

        exit codes: 0 ok, 1 invalid input, 2 usage error
        """;

    public static int Print(TextWriter writer)
    {
        writer.WriteLine(Text);
        return ExitCodes.Ok;
    }

    public static int Fail(CliConsole console, string message)
    {
        console.Error.WriteLine($"error: {message}");
        console.Error.WriteLine(Text);
        return ExitCodes.Usage;
    }
}
