using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Security.Tests;

/// <summary>
/// The registration number printed on signed reports is set on the preferences form: only by clinicians of a
/// department, bounded, printable, with the form's token; anything else changes nothing.
/// </summary>
public sealed class RegistrationNumberAttacks(AttackedApp app) : IClassFixture<AttackedApp>
{
    private async Task<string?> RegistrationOfAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == userId)).RegistrationNumber;
    }

    private static Dictionary<string, string> Form(string registration) => new() { ["culture"] = "en", ["theme"] = "light", ["registration"] = registration };

    [Fact]
    public async Task A_dermatologist_sets_it_and_oversized_or_control_characters_are_refused_keeping_the_stored_one()
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var (session, _) = await app.SignedInAsync(dermatologist);

        var saved = await session.SubmitAsync("/account/preferences", "account/preferences/save", Form("10009876543"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("10009876543", await RegistrationOfAsync(dermatologist.Id));

        var oversized = await session.SubmitAsync("/account/preferences", "account/preferences/save", Form(new string('9', 41)));
        var control = await session.SubmitAsync("/account/preferences", "account/preferences/save", Form("1000\n(forged line)"));

        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Equal("10009876543", await RegistrationOfAsync(dermatologist.Id));
    }

    [Fact]
    public async Task A_GP_cannot_give_themselves_one_and_a_post_without_the_form_token_is_refused()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var (session, _) = await app.SignedInAsync(gp);

        var posted = await session.Client.PostAsync("/account/preferences/save", new FormUrlEncodedContent(Form("10001111111")));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var withToken = await session.SubmitAsync("/account/preferences", "account/preferences/save", Form("10001111111"));
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);

        Assert.Null(await RegistrationOfAsync(gp.Id));
    }
}
