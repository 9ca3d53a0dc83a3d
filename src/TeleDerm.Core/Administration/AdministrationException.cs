using TeleDerm.Core.Errors;

namespace TeleDerm.Core.Administration;

/// <summary>A refused administration command: the text "AdminError.{code}" says why; nothing was changed.</summary>
public sealed class AdministrationException(string code, string message, params object[] arguments)
    : RefusedException(new Refusal($"AdminError.{code}", message, arguments));
