namespace TeleDerm.Core.Errors;

/// <summary>
/// Why something a person asked for was refused, in the one form every part of the domain uses: <see cref="Key"/>
/// names the reader's text in the web host's resource files ("CaseError.AlreadyClaimed", "IntakeError.BirthDate"),
/// <see cref="Arguments"/> fill its placeholders, and <see cref="Message"/> is the same sentence in English for the
/// logs, the audit trail and API clients. The domain never formats text for a culture: the edge does
/// (<c>RefusalTexts</c> in the web host), and a test checks that every key has English and French text.
/// </summary>
public sealed record Refusal(string Key, string Message, params object[] Arguments)
{
    /// <summary>A case command or lifecycle step refused ("CaseError.{code}").</summary>
    public static Refusal Case(string code, string message, params object[] arguments) => new($"CaseError.{code}", message, arguments);

    /// <summary>An answer or addendum refused ("AnswerError.{code}").</summary>
    public static Refusal Answer(string code, string message, params object[] arguments) => new($"AnswerError.{code}", message, arguments);

    /// <summary>A signature that could not be made, or a signing certificate refused ("SigningError.{code}").</summary>
    public static Refusal Signing(string code, string message, params object[] arguments) => new($"SigningError.{code}", message, arguments);

    /// <summary>An intake field or photo refused ("IntakeError.{code}").</summary>
    public static Refusal Intake(string code, string message, params object[] arguments) => new($"IntakeError.{code}", message, arguments);
}
