using Microsoft.Extensions.Localization;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Cases;

/// <summary>A refused case command in the reader's language: "CaseError.{code}", statuses and actions named as on screen.</summary>
public static class CaseCommandErrors
{
    public static string? Text(CaseCommandResult result, IStringLocalizer<Texts> text)
    {
        return result.Refusal is { } refusal ? text.Text(refusal) : null;
    }
}
