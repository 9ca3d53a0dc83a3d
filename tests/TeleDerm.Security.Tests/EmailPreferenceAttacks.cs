using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;
using TeleDerm.Core.Notifications;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Whether a person is e-mailed about their requests is set on their own preferences form: one of the offered
/// values, with the form's token, for the signed-in account only; anything else changes nothing.
/// </summary>
public sealed class EmailPreferenceAttacks(AttackedApp app) : IClassFixture<AttackedApp>
{
    private async Task<EmailNotifications> PreferenceOfAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await NotificationPreference.EmailOfAsync(scope.ServiceProvider.GetRequiredService<TeleDermDbContext>(), userId);
    }

    private static Dictionary<string, string> Form(string email) => new() { ["culture"] = "fr", ["theme"] = "light", ["emailNotifications"] = email };

    [Fact]
    public async Task A_GP_chooses_the_digest_or_no_e_mail_and_values_not_offered_are_refused_keeping_the_stored_one()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var (session, _) = await app.SignedInAsync(gp);
        Assert.Equal(EmailNotifications.Immediately, await PreferenceOfAsync(gp.Id));

        var saved = await session.SubmitAsync("/account/preferences", "account/preferences/save", Form("Off"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(EmailNotifications.Off, await PreferenceOfAsync(gp.Id));

        var digest = await session.SubmitAsync("/account/preferences", "account/preferences/save", Form("DailyDigest"));
        Assert.Equal(HttpStatusCode.Redirect, digest.StatusCode);
        Assert.Equal(EmailNotifications.DailyDigest, await PreferenceOfAsync(gp.Id));
        saved = await session.SubmitAsync("/account/preferences", "account/preferences/save", Form("Off"));
        Assert.Equal(EmailNotifications.Off, await PreferenceOfAsync(gp.Id));

        foreach (var forged in new[] { "1", "99", "off", "Immediately,Off", "Digest", "dailydigest", "DailyDigest,Off" })
        {
            var refused = await session.SubmitAsync("/account/preferences", "account/preferences/save", Form(forged));
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"'{forged}': {refused.StatusCode}");
        }
        Assert.Equal(EmailNotifications.Off, await PreferenceOfAsync(gp.Id));
    }

    [Fact]
    public async Task A_post_without_the_form_token_changes_nothing()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var (session, _) = await app.SignedInAsync(gp);

        var posted = await session.Client.PostAsync("/account/preferences/save", new FormUrlEncodedContent(Form("Off")));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(EmailNotifications.Immediately, await PreferenceOfAsync(gp.Id));
    }
}
