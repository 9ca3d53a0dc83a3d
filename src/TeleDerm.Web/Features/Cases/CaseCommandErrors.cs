using System.Globalization;
using Microsoft.Extensions.Localization;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Cases;

/// <summary>A refused case command in the reader's language: "CaseError.{code}", statuses and actions named as on screen.</summary>
public static class CaseCommandErrors
{
    public static string? Text(CaseCommandResult result, IStringLocalizer<Texts> text)
    {
        if (result.Succeeded)
            return null;
        if (result.Code is not { } code)
            return result.Error;
        var arguments = (result.Arguments ?? []).Select(a => a switch
        {
            CaseStatus status => (object)text[$"CaseStatus.{status}"].Value,
            CaseAction action => text[$"CaseAction.{action}"].Value,
            _ => a,
        }).ToArray();
        return string.Format(CultureInfo.CurrentCulture, text[$"CaseError.{code}"], arguments);
    }
}
