// TeleDerm admin CLI: one command group per file under Commands/; this file only dispatches.
using TeleDerm.Cli;
using TeleDerm.Cli.Commands;

var console = new CliConsole(Console.Out, Console.Error);
return args switch
{
    ["dicom", .. var rest] => DicomCommands.Run(rest, console),
    ["score", .. var rest] => ScoreCommands.Run(rest, console),
    ["report", .. var rest] => ReportCommands.Run(rest, console),
    ["audit", .. var rest] => AuditCommands.Run(rest, console),
    ["samples", .. var rest] => SampleCommands.Run(rest, console),
    ["backup", .. var rest] => BackupCommands.Run(rest, console),
    ["--help" or "-h" or "help"] => Usage.Print(console.Out),
    _ => Usage.Fail(console, args.Length == 0 ? "no command given" : $"unknown command '{args[0]}'"),
};
