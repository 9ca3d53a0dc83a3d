using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Imaging;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Tests.Infrastructure;
using TeleDerm.Core.Intake;
using TeleDerm.Web.Tests.Intake;

namespace TeleDerm.Web.Tests.Intake;

/// <summary>Every problem intake can report has words in English and French, and they take the arguments given.</summary>
public sealed class IntakeErrorTextTests : IDisposable
{
    private readonly TeleDermAppFactory app = new(new Dictionary<string, string?> { ["TeleDerm:Intake:MaxPhotos"] = "1" });

    public void Dispose() => app.Dispose();

    private static Dictionary<string, string> Resources(string file) => UiTexts.Load(file);

    [Fact]
    public async Task Every_error_of_an_invalid_request_has_a_code_with_text_in_both_languages()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        Guid practice, department;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            (practice, department) = ((await db.Practices.FirstAsync()).Id, (await db.Departments.FirstAsync()).Id);
        }
        var photo = new PhotoInput("x.jpg", ImageKind.Clinical, [1, 2, 3]);
        var request = new IntakeRequest(new PatientInput(" ", "", new DateOnly(2999, 1, 1), Sex.Female, "123"), new string('x', 2001),
            new Questionnaire { FitzpatrickPhototype = 9 }, Urgency.Urgent, null, false,
            [new LesionInput("not-a-site", Laterality.Left, null, []), new LesionInput("77568009", Laterality.Left, null, [photo, photo])]);

        var result = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(request,
            TestSubmitter.Of(new Actor(gp.Id, gp.Email, Roles.GP, null, null, null), practice, department));

        Assert.False(result.Succeeded);
        Assert.True(result.Errors.Count >= 10, string.Join("; ", result.Errors.Select(e => e.Message)));
        var (english, french) = (Resources("Texts.resx"), Resources("Texts.fr.resx"));
        foreach (var error in result.Errors)
        {
            Assert.True(error.Code is not null, $"no code for \"{error.Message}\"");
            foreach (var texts in new[] { english, french })
            {
                Assert.True(texts.TryGetValue($"IntakeError.{error.Code}", out var text), $"IntakeError.{error.Code} is missing");
                Assert.DoesNotContain("{", string.Format(CultureInfo.InvariantCulture, text, error.Arguments));
            }
        }
        // What English readers see is the message the API gives.
        Assert.All(result.Errors.Where(e => !e.Code!.StartsWith("Decode", StringComparison.Ordinal)), e => Assert.Equal(e.Message, string.Format(CultureInfo.InvariantCulture, english[$"IntakeError.{e.Code}"], e.Arguments)));
    }

    [Fact]
    public void Every_reason_a_photo_cannot_be_decoded_has_text_in_both_languages()
    {
        foreach (var file in new[] { "Texts.resx", "Texts.fr.resx" })
        {
            var texts = Resources(file);
            foreach (var reason in Enum.GetValues<ImageDecodeFailure>())
            {
                Assert.True(texts.TryGetValue($"IntakeError.Decode{reason}", out var text), $"{file}: IntakeError.Decode{reason} is missing");
                Assert.Contains("x.jpg", string.Format(CultureInfo.InvariantCulture, text, "x.jpg"));
            }
        }
    }
}
