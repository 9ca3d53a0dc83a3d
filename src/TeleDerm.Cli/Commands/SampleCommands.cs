using System.Globalization;
using TeleDerm.SampleImages;

namespace TeleDerm.Cli.Commands;

/// <summary>"samples generate": draws the synthetic lesion images and their manifest.json into a folder.</summary>
public static class SampleCommands
{
    public static int Run(string[] args, CliConsole console) => args switch
    {
        ["generate", .. var options] => Generate(options, console),
        [] => Usage.Fail(console, "samples needs a subcommand: generate"),
        _ => Usage.Fail(console, $"unknown samples subcommand '{args[0]}'"),
    };

    private static int Generate(string[] args, CliConsole console)
    {
        string? folder = null;
        long seed = SampleSetGenerator.DefaultSeed;
        int lesions = SampleSetGenerator.DefaultLesions;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is not ("--out" or "--seed" or "--lesions"))
                return Usage.Fail(console, $"samples generate: unknown argument '{arg}'");
            if (i + 1 >= args.Length)
                return Usage.Fail(console, $"samples generate: {arg} needs a value");
            string value = args[++i];
            switch (arg)
            {
                case "--out":
                    folder = value;
                    break;
                case "--seed":
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed) || seed < 0)
                        return Usage.Fail(console, $"samples generate: --seed '{value}' is not a whole number of 0 or more");
                    break;
                default:
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out lesions)
                        || lesions < 1 || lesions > SampleSetGenerator.MaxLesions)
                        return Usage.Fail(console, $"samples generate: --lesions '{value}' must be a whole number from 1 to {SampleSetGenerator.MaxLesions}");
                    break;
            }
        }
        if (folder is null)
            return Usage.Fail(console, "samples generate needs --out DIR");

        SampleSet set = SampleSetGenerator.Generate(seed, lesions);
        try
        {
            set.WriteTo(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot write the samples to {folder}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        long bytes = set.Files.Sum(f => (long)f.Content.Length);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set.Files.Count} images of {set.Manifest.Lesions.Count} lesions (seed {seed}, {bytes / 1024.0 / 1024.0:0.0} MB) and {SampleManifest.FileName} written to {folder}"));
        return ExitCodes.Ok;
    }
}
