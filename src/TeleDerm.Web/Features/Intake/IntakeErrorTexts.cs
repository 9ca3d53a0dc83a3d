using Microsoft.Extensions.Localization;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Intake;

/// <summary>An intake error in the reader's language (its English sentence only when it carries no code).</summary>
public static class IntakeErrorTexts
{
    public static string Text(IntakeError error, IStringLocalizer<Texts> texts) => error.Code is { } code
        ? string.Format(System.Globalization.CultureInfo.CurrentCulture, texts[$"IntakeError.{code}"], error.Arguments)
        : error.Message;
}
