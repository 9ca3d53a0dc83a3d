using Microsoft.Extensions.Localization;
using TeleDerm.Web.Localization;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Features.Intake;

/// <summary>An intake error in the reader's language.</summary>
public static class IntakeErrorTexts
{
    public static string Text(IntakeError error, IStringLocalizer<Texts> texts) => texts.Text(error.Refusal);
}
