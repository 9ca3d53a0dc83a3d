using System.Text.Json;
using TeleDerm.Cli;
using TeleDerm.Cli.Commands;

namespace TeleDerm.RiskModel.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("teleDerm-score-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, JsonElement[] Lines, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = ScoreCommands.Run(args, new CliConsole(stdout, stderr));
        JsonElement[] lines = [.. stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        return (exit, lines, stderr.ToString());
    }

    [Fact]
    public void Each_image_gives_one_json_line_with_risk_band_features_and_model()
    {
        string image = RepoPaths.DermoscopyImage("ISIC_0015200");

        var (exit, lines, _) = Run(image, "--age", "62", "--sex", "female", "--model", RepoPaths.DefaultModel);

        Assert.Equal(0, exit);
        JsonElement line = Assert.Single(lines);
        Assert.Equal(image, line.GetProperty("file").GetString());
        Assert.InRange(line.GetProperty("risk").GetDouble(), 0, 1);
        Assert.Contains(line.GetProperty("band").GetString(), new[] { "low", "intermediate", "high" });
        Assert.Equal(62, line.GetProperty("features").GetProperty("age_years").GetDouble());
        Assert.Equal("teleDerm-dermoscopy-features", line.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("1.0.0", line.GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public void A_missing_file_and_a_file_that_is_not_an_image_are_error_lines_and_exit_1()
    {
        string text = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(text, "not a photo");
        string missing = Path.Combine(_folder, "absent.jpg");

        var (exit, lines, _) = Run(missing, RepoPaths.DermoscopyImage("ISIC_0015200"), text, "--model", RepoPaths.DefaultModel);

        Assert.Equal(1, exit);
        Assert.Equal(3, lines.Length);
        Assert.Contains("file not found", lines[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(lines[1].TryGetProperty("risk", out _));
        Assert.Contains("not a JPEG, PNG or HEIC image", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_gives_paths_relative_to_itself_and_empty_cells_are_unknown()
    {
        File.Copy(RepoPaths.DermoscopyImage("ISIC_0014317"), Path.Combine(_folder, "lesion.jpg"));
        string csv = Path.Combine(_folder, "cases.csv");
        File.WriteAllText(csv, "file,age,sex\nlesion.jpg,,\nlesion.jpg,48,male\nlesion.jpg,old,\n");

        var (exit, lines, _) = Run("--csv", csv, "--model", RepoPaths.DefaultModel);

        Assert.Equal(1, exit);
        Assert.Equal(3, lines.Length);
        Assert.Equal(1, lines[0].GetProperty("features").GetProperty("age_missing").GetDouble());
        Assert.Equal(48, lines[1].GetProperty("features").GetProperty("age_years").GetDouble());
        Assert.Contains("line 4: age 'old' is not an age", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--age", "abc", "x.jpg")]
    [InlineData("--sex", "unknown", "x.jpg")]
    [InlineData("--csv", "a.csv", "x.jpg")]
    [InlineData("--frobnicate", "x.jpg")]
    [InlineData("x.jpg", "--model")]
    public void Wrong_arguments_are_usage_errors(params string[] args)
    {
        var (exit, lines, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains("usage: teleDerm", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_cannot_be_loaded_stops_with_exit_1_before_any_image()
    {
        var (exit, lines, error) = Run(RepoPaths.DermoscopyImage("ISIC_0014317"), "--model", Path.Combine(_folder, "none.onnx"));

        Assert.Equal(1, exit);
        Assert.Empty(lines);
        Assert.Contains("Model file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_model_the_default_model_of_the_repository_is_used()
    {
        var (exit, lines, _) = Run(RepoPaths.DermoscopyImage("ISIC_0014317"));

        Assert.Equal(0, exit);
        Assert.Equal("teleDerm-dermoscopy-features", Assert.Single(lines).GetProperty("model").GetProperty("name").GetString());
    }
}
