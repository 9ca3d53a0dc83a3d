using System.Globalization;
using TeleDerm.Dicom;
using TeleDerm.Dicom.Fuzzing;
using TeleDerm.Dicom.Json;
using TeleDerm.Dicom.Validation;

namespace TeleDerm.Cli.Commands;

/// <summary>The "dicom" command group: json, validate, fuzz, import.</summary>
public static class DicomCommands
{
    public static int Run(string[] args, CliConsole console) => args switch
    {
        ["json", .. var files] when files.Length > 0 => Json(files, console),
        ["validate", .. var files] when files.Length > 0 => Validate(files, console),
        ["fuzz", .. var options] => Fuzz(options, console),
        ["import", .. var options] => DicomImportCommand.Run(options, console),
        ["json" or "validate"] => Usage.Fail(console, $"dicom {args[0]} needs at least one FILE"),
        [] => Usage.Fail(console, "dicom needs a subcommand: json, validate, fuzz or import"),
        _ => Usage.Fail(console, $"unknown dicom subcommand '{args[0]}'"),
    };

    private static int Json(string[] files, CliConsole console)
    {
        var exit = ExitCodes.Ok;
        foreach (var file in files)
        {
            try
            {
                var dicom = DicomFile.Open(file);
                console.Out.WriteLine(DicomJsonWriter.ToJson(dicom.Dataset));
            }
            catch (DicomFormatException e)
            {
                console.Error.WriteLine($"{file}: not readable as DICOM: {e.Message}");
                exit = ExitCodes.InvalidInput;
            }
        }

        return exit;
    }

    private static int Validate(string[] files, CliConsole console)
    {
        var exit = ExitCodes.Ok;
        foreach (var file in files)
        {
            var issues = DicomValidator.ValidateFile(file);
            var errors = issues.Count(i => i.Severity == DicomValidationSeverity.Error);
            console.Out.WriteLine(errors == 0 ? $"{file}: valid" : $"{file}: INVALID ({errors} error(s))");
            foreach (var issue in issues)
                console.Out.WriteLine($"  {issue}");
            if (errors > 0)
                exit = ExitCodes.InvalidInput;
        }

        return exit;
    }

    private static int Fuzz(string[] options, CliConsole console)
    {
        var iterations = 10_000;
        var seed = 1;
        var corpus = Path.Combine("..", "shared", "data", "dicom");
        for (var i = 0; i < options.Length; i++)
        {
            var value = i + 1 < options.Length ? options[i + 1] : null;
            switch (options[i])
            {
                case "--iterations" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    iterations = n;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                case "--corpus" when value is not null:
                    corpus = value;
                    i++;
                    break;
                default:
                    return Usage.Fail(console, $"dicom fuzz: bad option '{options[i]}'{(value is null ? "" : $" '{value}'")}");
            }
        }

        if (!Directory.Exists(corpus))
        {
            console.Error.WriteLine($"error: corpus folder '{corpus}' not found (give --corpus DIR)");
            return ExitCodes.InvalidInput;
        }

        var seeds = Directory.GetFiles(corpus, "*.dcm").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var report = DicomFuzzer.Run(seeds, iterations, seed);
        console.Out.WriteLine($"tried {report.Tried} inputs (seed {seed}): {report.Accepted} read, {report.Rejected} rejected with DicomFormatException, {report.Failures.Count} failures");
        foreach (var failure in report.Failures.Take(20))
            console.Out.WriteLine($"  FAIL {failure}");
        return report.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
