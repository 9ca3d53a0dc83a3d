using TeleDerm.Cli;
using TeleDerm.Cli.Commands;
using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Cli;

public sealed class CliTests
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = DicomCommands.Run(args, new CliConsole(stdout, stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Dicom_json_prints_the_json_model_and_exits_0()
    {
        var (exit, stdout, _) = Run("json", Corpus.PathOf("MR_small.dcm"));

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("\"00100010\"", stdout, StringComparison.Ordinal);
        Assert.Contains("CompressedSamples^MR1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dicom_json_of_a_malformed_file_exits_1_with_the_offset()
    {
        var (exit, _, stderr) = Run("json", Corpus.PathOf("rtplan_truncated.dcm"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("at byte", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Dicom_validate_accepts_a_good_file()
    {
        var (exit, stdout, _) = Run("validate", Corpus.PathOf("CT_small.dcm"));

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("valid", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("badVR.dcm", "'1A'")]
    [InlineData("MR_truncated.dcm", "exceeds")]
    [InlineData("no_meta.dcm", "no File Meta Information")]
    public void Dicom_validate_rejects_bad_files_with_the_reason(string name, string reason)
    {
        var (exit, stdout, _) = Run("validate", Corpus.PathOf(name));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains(reason, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("json")]
    [InlineData("frobnicate")]
    [InlineData("fuzz", "--iterations", "many")]
    public void Bad_usage_exits_2_with_the_usage_text(params string[] args)
    {
        var (exit, _, stderr) = Run(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Dicom_fuzz_reports_the_count_of_inputs_tried()
    {
        var (exit, stdout, _) = Run("fuzz", "--iterations", "50", "--seed", "3", "--corpus", Corpus.Directory);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("tried 50 inputs (seed 3)", stdout, StringComparison.Ordinal);
        Assert.Contains("0 failures", stdout, StringComparison.Ordinal);
    }
}
