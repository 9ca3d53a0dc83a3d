using Microsoft.Extensions.Localization;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Intake;

/// <summary>An intake error in the reader's language.</summary>
public static class IntakeErrorTexts
{
    public static string Text(IntakeError error, IStringLocalizer<Texts> texts) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, texts[$"IntakeError.{error.Code}"], error.Arguments);
}
