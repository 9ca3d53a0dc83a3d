using Microsoft.Extensions.Localization;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Cases;

/// <summary>A coded request for new photos in the reader's words, the same in the thread and in the signed report.</summary>
public static class RetakeText
{
    /// <summary>"New photos asked for: photo blurred".</summary>
    public static string Asked(RetakeReason reason, IStringLocalizer<Texts> text) => $"{text["Case.RetakeAsked"]} {text[$"Retake.{reason}"]}";
}
