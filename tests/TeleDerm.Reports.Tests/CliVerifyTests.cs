using TeleDerm.Cli;

namespace TeleDerm.Reports.Tests;

public class CliVerifyTests
{
    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = TeleDerm.Cli.Commands.ReportCommands.Run(args, new CliConsole(output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Report_verify_says_valid_who_signed_when_and_that_the_whole_file_is_covered()
    {
        var path = SampleReports.WriteTemp(SampleReports.Signed());
        var (code, output, _) = Run("verify", path, "--trust", TestPki.RootPemPath);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(": VALID", output);
        Assert.Contains("signed by: Dr Claire Martin", output);
        Assert.Contains("signed at: 2026-11-22 09:45:12 UTC", output);
        Assert.Contains("covers the whole file", output);
        Assert.Contains("certificate trusted: yes", output);
    }

    [Fact]
    public void Report_verify_says_not_valid_for_an_altered_file()
    {
        var pdf = SampleReports.Signed();
        var at = pdf.AsSpan().IndexOf("TD-2026-000417"u8);
        pdf[at + 5] = (byte)'X';
        var (code, output, _) = Run("verify", SampleReports.WriteTemp(pdf), "--trust", TestPki.RootPemPath);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("NOT VALID", output);
        Assert.Contains("altered after signing", output);
        Assert.Contains("content intact: no", output);
    }

    [Fact]
    public void Report_verify_without_trust_roots_checks_integrity_and_says_trust_was_not_checked()
    {
        var (code, output, _) = Run("verify", SampleReports.WriteTemp(SampleReports.Signed()));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("not checked (give --trust CA.pem)", output);
    }

    [Fact]
    public void Report_verify_of_a_missing_file_or_bad_arguments_fails_clearly()
    {
        var missing = Run("verify", "/nonexistent/report.pdf");
        Assert.Equal(ExitCodes.InvalidInput, missing.Code);
        Assert.Contains("cannot read /nonexistent/report.pdf", missing.Error);
        Assert.Equal(ExitCodes.Usage, Run("verify").Code);
        Assert.Equal(ExitCodes.Usage, Run("sign", "x.pdf").Code);
        Assert.Equal(ExitCodes.Usage, Run("verify", "a.pdf", "--trust").Code);
    }
}
