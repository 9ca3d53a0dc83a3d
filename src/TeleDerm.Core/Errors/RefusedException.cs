namespace TeleDerm.Core.Errors;

/// <summary>
/// A command refused by throwing, for the commands whose callers are pages that catch it: it carries its
/// <see cref="Errors.Refusal"/> (the exception's message is the refusal's English sentence), localized at the edge.
/// </summary>
public abstract class RefusedException(Refusal refusal) : Exception(refusal.Message)
{
    public Refusal Refusal { get; } = refusal;
}
