using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Features.IntakeApi;
using TeleDerm.Core.Administration;

namespace TeleDerm.Browser.Tests;

/// <summary>The tele-expertise journey when the request comes from practice software through the intake API.</summary>
public sealed class IntakeApiJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string Isic(string name) => RepoPaths.IsicPhoto(name);

    [Fact]
    public async Task A_case_sent_by_the_API_appears_live_is_claimed_the_GP_answers_a_question_with_a_photo_and_it_returns()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var hugo = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var lea = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        Guid practiceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            practiceId = (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Users.SingleAsync(u => u.Id == gp.Id)).PracticeId!.Value;
        }
        var (_, apiKey) = await app.Services.GetRequiredService<PracticeApiKeys>().CreateAsync(await TestAccounts.AdministratorAsync(app.Services), practiceId, "journey test");

        var hugoPage = await OpenWorklistAsync(hugo);
        var leaPage = await OpenWorklistAsync(lea);

        // The practice software submits.
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var json = new JsonObject
        {
            ["requestingGp"] = gp.Email,
            ["patient"] = new JsonObject { ["familyName"] = "Lambert", ["givenName"] = "Odile", ["birthDate"] = "1949-03-21", ["sex"] = "female" },
            ["reason"] = "Dark lesion of the left calf, bleeding since last month.",
            ["urgency"] = "urgent",
            ["urgencyReason"] = "Bleeding and recent growth.",
            ["patientConsent"] = true,
            ["lesions"] = new JsonArray(new JsonObject
            {
                ["bodySiteCode"] = "30021000", ["laterality"] = "left",
                ["photos"] = new JsonArray(new JsonObject { ["file"] = "photo1", ["kind"] = "clinical" }),
            }),
        };
        using var body = new MultipartFormDataContent
        {
            { new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"), IntakeApiEndpoints.RequestPart },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Isic("ISIC_0000036.jpg"))), "photo1", "calf.jpg" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = body };
        request.Headers.Add(IntakeApiEndpoints.IdempotencyHeader, Guid.NewGuid().ToString());
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var reference = created["reference"]!.GetValue<string>();
        var caseId = created["id"]!.GetValue<string>();

        // It appears in both open worklists without a reload; Hugo claims it and Léa sees it claimed.
        await hugoPage.GetByTestId($"case-{reference}").WaitForAsync();
        await leaPage.GetByTestId($"case-{reference}").WaitForAsync();
        await hugoPage.GetByTestId($"claim-{reference}").ClickAsync();
        await Assertions.Expect(leaPage.GetByTestId($"status-{reference}")).ToHaveTextAsync("Claimed");

        // The GP follows the case in the browser; the dermatologist asks a question.
        var gpPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(gpPage, gp);
        await gpPage.GotoAsync($"/cases/{caseId}");
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        await hugoPage.GotoAsync($"/cases/{caseId}");
        await SignInSteps.WaitForInteractiveAsync(hugoPage);
        await hugoPage.GetByLabel("Question to the GP").FillAsync("Please send a dermoscopic photo of the calf lesion.");
        await hugoPage.GetByTestId("ask-gp").ClickAsync();
        await Assertions.Expect(gpPage.GetByTestId("case-status")).ToHaveTextAsync("Waiting for the GP");
        await Assertions.Expect(gpPage.GetByTestId("thread")).ToContainTextAsync("dermoscopic photo of the calf lesion");

        // The GP answers with a photo; the case returns to the dermatologist with the new image, live.
        Assert.Equal(1, await hugoPage.GetByTestId("image-score").CountAsync());
        await gpPage.GetByLabel("Your reply").FillAsync("Dermoscopic photo attached.");
        await FileSteps.ChooseAsync(gpPage.Locator("#reply-photos"), Isic("ISIC_0000031.jpg"));
        await Assertions.Expect(gpPage.GetByTestId("photo")).ToHaveCountAsync(1);
        await Assertions.Expect(gpPage.Locator(".reply-form progress")).ToHaveAttributeAsync("value", "100");
        await gpPage.GetByTestId("reply").ClickAsync();

        await Assertions.Expect(hugoPage.GetByTestId("case-status")).ToHaveTextAsync("In review");
        await Assertions.Expect(hugoPage.GetByTestId("thread")).ToContainTextAsync("Dermoscopic photo attached.");
        await Assertions.Expect(hugoPage.GetByTestId("image-score")).ToHaveCountAsync(2);
        await hugoPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("case-after-reply-with-photo"), FullPage = true });

        // The practice software reads the same status.
        var status = JsonNode.Parse(await http.GetStringAsync($"/api/v1/cases/{caseId}"))!;
        Assert.Equal("inReview", status["status"]!.GetValue<string>());
    }

    private async Task<IPage> OpenWorklistAsync(TestAccount dermatologist)
    {
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, dermatologist);
        await page.GotoAsync("/worklist");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("worklist").WaitForAsync();
        return page;
    }
}
