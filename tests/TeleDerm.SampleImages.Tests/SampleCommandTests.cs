using TeleDerm.Cli;
using TeleDerm.Cli.Commands;

namespace TeleDerm.SampleImages.Tests;

public sealed class SampleCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("teleDerm-samples-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = SampleCommands.Run(args, new CliConsole(stdout, stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Generate_writes_the_images_and_a_manifest_that_lists_exactly_them()
    {
        string output = Path.Combine(_folder, "out");

        var (exit, stdout, _) = Run("generate", "--out", output, "--seed", "5", "--lesions", "2");

        Assert.Equal(ExitCodes.Ok, exit);
        SampleManifest manifest = SampleManifest.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal(5, manifest.Seed);
        Assert.Equal(["L01", "L02"], manifest.Lesions.Select(l => l.Id));
        string[] written = [.. Directory.GetFiles(output, "*.jpg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(manifest.Images.Select(i => i.File).Order(StringComparer.Ordinal), written);
        Assert.Contains($"{written.Length} images of 2 lesions (seed 5", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "generate" }, "samples generate needs --out DIR")]
    [InlineData(new[] { "generate", "--out" }, "--out needs a value")]
    [InlineData(new[] { "generate", "--out", "x", "--lesions", "0" }, "--lesions '0' must be a whole number from 1 to 99")]
    [InlineData(new[] { "generate", "--out", "x", "--lesions", "many" }, "--lesions 'many' must be a whole number from 1 to 99")]
    [InlineData(new[] { "generate", "--out", "x", "--seed", "-3" }, "--seed '-3' is not a whole number of 0 or more")]
    [InlineData(new[] { "generate", "--out", "x", "--colour" }, "unknown argument '--colour'")]
    [InlineData(new[] { "draw" }, "unknown samples subcommand 'draw'")]
    [InlineData(new string[0], "samples needs a subcommand: generate")]
    public void Bad_arguments_are_usage_errors_that_say_what_is_wrong(string[] args, string expected)
    {
        var (exit, _, error) = Run(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_path_that_is_a_file_is_an_invalid_input_error()
    {
        string file = Path.Combine(_folder, "taken");
        File.WriteAllText(file, "not a folder");

        var (exit, _, error) = Run("generate", "--out", file, "--lesions", "1");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains($"cannot write the samples to {file}", error, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }
}
