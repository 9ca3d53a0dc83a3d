using Microsoft.Extensions.Localization;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Cases;

/// <summary>The reader's name of a body site of <see cref="Core.Cases.BodySites"/> ("BodySite.{code}" in the texts; the code when none).</summary>
public static class BodySiteLabels
{
    public static string Label(string code, IStringLocalizer<Texts> text)
    {
        var label = text["BodySite." + code];
        return label.ResourceNotFound ? code : label.Value;
    }
}
