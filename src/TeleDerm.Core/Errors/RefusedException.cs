namespace TeleDerm.Core.Errors;

/// <summary>
/// A command refused for a reason the person must read. <see cref="Code"/> names the text in the
/// resource files ("AnnotationError.OutsideImage"), <see cref="Arguments"/> fill its placeholders, and
/// the exception's message is the same sentence in English for logs and API clients. The web host turns
/// it into the reader's language at the edge, so the domain never formats text for a culture.
/// </summary>
public abstract class RefusedException(string code, string message, params object[] arguments) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}
