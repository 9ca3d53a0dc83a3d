namespace TeleDerm.Dicom.Validation;

public enum DicomValidationSeverity
{
    Warning,
    Error,
}

public sealed record DicomValidationIssue(DicomValidationSeverity Severity, string Message)
{
    public override string ToString() => $"{(Severity == DicomValidationSeverity.Error ? "error" : "warning")}: {Message}";
}
