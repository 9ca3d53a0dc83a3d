using System.Globalization;
using Microsoft.Extensions.Localization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Errors;
using TeleDerm.Core.Viewer;

namespace TeleDerm.Web.Localization;

/// <summary>
/// Refusals in the reader's language: the code names the text, and arguments that are domain values
/// (statuses, actions, annotation kinds) are named as the screens name them, never by their C# names.
/// </summary>
public static class RefusalTexts
{
    public static string Text(this IStringLocalizer<Texts> text, Refusal refusal) => Format(text, refusal.Key, refusal.Arguments);

    public static string Text(this IStringLocalizer<Texts> text, RefusedException refused) => text.Text(refused.Refusal);

    /// <summary>
    /// Formats "<paramref name="key"/>" with its arguments. A key the resource files do not know falls back to
    /// its parent ("AdminError.Identity.X" to "AdminError.Identity"), so a new Identity error still reads as a sentence.
    /// </summary>
    public static string Format(IStringLocalizer<Texts> text, string key, IEnumerable<object> arguments)
    {
        var format = text[key];
        while (format.ResourceNotFound && key.LastIndexOf('.') is var dot and > 0 && key[..dot].Contains('.'))
        {
            key = key[..dot];
            format = text[key];
        }
        var named = arguments.Select(a => a switch
        {
            CaseStatus status => (object)text[$"CaseStatus.{status}"].Value,
            CaseAction action => text[$"CaseAction.{action}"].Value,
            AnnotationKind kind => text[$"Viewer.Tool.{ToolName(kind)}"].Value,
            _ => a,
        }).ToArray();
        return string.Format(CultureInfo.CurrentCulture, format.Value, named);
    }

    /// <summary>The viewer's tool names are the annotation kinds' names, but calibration's tool is "calibrate".</summary>
    private static string ToolName(AnnotationKind kind) =>
        kind == AnnotationKind.Calibration ? "calibrate" : kind.ToString().ToLowerInvariant();
}
