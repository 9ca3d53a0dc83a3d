using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Cli;

/// <summary>The built teleDerm executable: Program.cs dispatches to the command groups with the right exit codes.</summary>
public sealed class CliProcessTests
{
    private static ExternalTool.Result Run(params string[] args) =>
        ExternalTool.Run("dotnet", "dotnet-sdk", [Path.Combine(AppContext.BaseDirectory, "teleDerm.dll"), .. args]);

    [Fact]
    public void No_command_exits_2_with_usage()
    {
        var result = Run();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: teleDerm", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Dicom_validate_of_a_good_and_a_truncated_file_exits_1()
    {
        var result = Run("dicom", "validate", Corpus.PathOf("MR_small.dcm"), Corpus.PathOf("MR_truncated.dcm"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MR_small.dcm: valid", result.Output, StringComparison.Ordinal);
        Assert.Contains("MR_truncated.dcm: INVALID", result.Output, StringComparison.Ordinal);
    }
}
