using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Cases;
using TeleDerm.Web.Localization;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Cases;

/// <summary>A refused action reads in the reader's language, with the status and action named as on screen.</summary>
public sealed partial class CaseCommandErrorsTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public void A_reply_to_a_case_nobody_asked_about_is_refused_in_French_with_the_screens_words()
    {
        var @case = new TeleExpertiseCase { Id = Guid.NewGuid(), Status = CaseStatus.Claimed, SubmittedByUserId = "gp", AssignedDermatologistId = "derm" };
        var refused = Assert.Throws<CaseTransitionException>(() => CaseLifecycle.Apply(@case, CaseAction.GpReplied, "gp", DateTime.UtcNow));
        var result = CaseCommandResult.Refused(refused.Refusal);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
            var text = CaseCommandErrors.Text(result, app.Services.GetRequiredService<IStringLocalizer<Texts>>())!;
            var localizer = app.Services.GetRequiredService<IStringLocalizer<Texts>>();
            Assert.Contains(localizer["CaseStatus.Claimed"].Value, text, StringComparison.Ordinal);
            Assert.Contains(localizer[$"CaseAction.{CaseAction.GpReplied}"].Value, text, StringComparison.Ordinal);
            Assert.Contains("n'est pas possible", text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        Assert.Contains("cannot be", result.Error, StringComparison.Ordinal); // the audit and the logs keep English
    }

    [Fact]
    public void Every_refusal_code_of_the_case_commands_has_text_in_both_languages()
    {
        var sources = string.Concat(new[] { "CaseCommands.cs", "CaseLifecycle.cs" }
            .Select(f => File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "TeleDerm.Core", "Cases", f))));
        var codes = RefusalCode().Matches(sources).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(codes.Count >= 10, string.Join(", ", codes));
        foreach (var file in new[] { UiTexts.English, UiTexts.French })
        {
            var keys = UiTexts.Load(file).Keys.ToHashSet();
            Assert.All(codes, code => Assert.True(keys.Contains($"CaseError.{code}"), $"{file}: CaseError.{code} is missing"));
        }
    }

    // Refused("Code", ...) in the commands, Refusal.Case("Code", ...) in the lifecycle's refusals.
    [GeneratedRegex(@"(?:Refused\(|Refusal\.Case\()""([A-Z][A-Za-z]+)"",")]
    private static partial Regex RefusalCode();
}
