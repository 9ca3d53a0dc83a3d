using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleDerm.Core.Answers;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Reports;

namespace TeleDerm.Web.Components.Tests.Reports;

/// <summary>
/// The answer form's validation, before any password is checked: each missing field is named next to itself in the
/// reader's language, with a summary, and the fields a management needs appear with it.
/// </summary>
public sealed class AnswerFormTests : ComponentTestContext
{
    public AnswerFormTests()
    {
        // Only the validation runs in these tests: it refuses before the signing service reads an account, checks a
        // password or signs, so those collaborators are never reached (a test reaching them would fail on null).
        Context.Services.AddSingleton(new ReportSigningService(null!, null!, null!, null!));
        Context.Services.AddSingleton(new CurrentActor());
    }

    private IRenderedComponent<AnswerForm> Form() => Context.Render<AnswerForm>(p => p.Add(f => f.CaseId, Guid.NewGuid()));

    /// <summary>A choice in the form's select of <typeparamref name="T"/>, as MudBlazor reports a click on an option.</summary>
    private static void Choose<T>(IRenderedComponent<AnswerForm> form, T value) =>
        form.InvokeAsync(() => form.FindComponent<MudSelect<T>>().Instance.ValueChanged.InvokeAsync(value)).GetAwaiter().GetResult();

    [Theory]
    [InlineData("en", "Some fields need attention.")]
    [InlineData("fr", "Certains champs sont à corriger.")]
    public void An_empty_answer_is_refused_with_each_error_by_its_field_in_the_readers_language(string language, string summary)
    {
        UseLanguage(language);
        var form = Form();

        form.Find("[data-testid=sign-report]").Click();

        Assert.Equal(summary, form.Find("[data-testid=answer-error]").TextContent.Trim());
        foreach (var field in new[] { "DiagnosisCode", "DiagnosisText", "MessageToGp" })
        {
            var next = form.Find($"[data-testid=error-{field}]");
            Assert.False(string.IsNullOrWhiteSpace(next.TextContent), field);
            Assert.DoesNotContain("Answer.Error", next.TextContent, StringComparison.Ordinal); // a text, not a missing key
        }
        Assert.Empty(form.FindAll("[data-testid=error-PatientAdvice]"));
    }

    [Fact]
    public void A_photo_follow_up_asks_for_its_delay_and_a_delay_out_of_range_is_named()
    {
        UseLanguage("en");
        var form = Form();
        Assert.Empty(form.FindAll("[data-testid=follow-up-months]"));

        Choose(form, Management.PhotoFollowUp);
        form.Find("[data-testid=follow-up-months]").Change((AnswerValidation.MaxFollowUpMonths + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.Find("[data-testid=sign-report]").Click();

        Assert.NotEmpty(form.Find("[data-testid=error-FollowUpMonths]").TextContent.Trim());
    }

    [Fact]
    public void Choosing_a_coded_diagnosis_writes_its_words_until_the_dermatologist_writes_their_own()
    {
        UseLanguage("fr");
        var form = Form();
        var code = CommonDiagnoses.Codes[0];

        Choose(form, code);
        var written = form.Find("[data-testid=diagnosis-text]").GetAttribute("value");
        Assert.False(string.IsNullOrWhiteSpace(written));

        form.Find("[data-testid=diagnosis-text]").Change("Mes propres mots");
        Choose(form, CommonDiagnoses.Codes[1]);
        Assert.Equal("Mes propres mots", form.Find("[data-testid=diagnosis-text]").GetAttribute("value"));
    }
}
