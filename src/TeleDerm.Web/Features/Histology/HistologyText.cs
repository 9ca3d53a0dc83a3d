using System.Globalization;
using Microsoft.Extensions.Localization;
using TeleDerm.Core.Histology;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Histology;

/// <summary>A histology result in words, the same on the case, in the viewer's timeline and in the report history.</summary>
public static class HistologyText
{
    /// <summary>"Invasive melanoma, Breslow 1.4 mm" in the reader's language.</summary>
    public static string Diagnosis(HistologyResult result, IStringLocalizer<Texts> text) =>
        text[$"Histology.Diagnosis.{result.Diagnosis}"] + (result.BreslowMm is { } b ? string.Format(CultureInfo.CurrentCulture, text["Histology.BreslowValue"], b) : "");
}
