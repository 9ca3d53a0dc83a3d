namespace TeleDerm.Cli;

/// <summary>Where a command writes; tests pass string writers.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);

/// <summary>Process exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;
}
