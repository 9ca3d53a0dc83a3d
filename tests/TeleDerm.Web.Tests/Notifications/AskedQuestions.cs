using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Web.Tests.Notifications;

/// <summary>What makes a notification: a GP's case, claimed by a dermatologist who asks the GP a question.</summary>
internal static class AskedQuestions
{
    /// <summary>Names no notification may carry: the patient's (distinctive) and words of the question.</summary>
    public static readonly string[] PatientData = ["Zanzibarova", "Philomène", "forearm", "dermoscopic photo"];

    public static async Task<(TeleExpertiseCase Case, TestAccount Gp)> AskAsync(IServiceProvider services, string? gpLanguage = null)
    {
        var gp = await TestAccounts.CreateAsync(services, Roles.GP);
        if (gpLanguage is not null)
        {
            await TestAccounts.SetLanguageAsync(services, gp.Id, gpLanguage);
        }
        var dermatologist = await TestAccounts.CreateAsync(services, Roles.Dermatologist);
        var @case = await TestCases.CreateSubmittedAsync(services, gp.Id);
        Actor actor;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            var patient = await db.Set<Patient>().SingleAsync(p => p.Id == @case.PatientId);
            (patient.FamilyName, patient.GivenName) = ("Zanzibarova", "Philomène");
            await db.SaveChangesAsync();
            var department = (await db.Users.SingleAsync(u => u.Id == dermatologist.Id)).DepartmentId;
            actor = new Actor(dermatologist.Id, dermatologist.Email, Roles.Dermatologist, department, null, "127.0.0.1");
        }
        var commands = services.GetRequiredService<CaseCommands>();
        Assert.True((await commands.ClaimAsync(@case.Id, actor)).Succeeded);
        Assert.True((await commands.AskGpAsync(@case.Id, actor, "Could you send a dermoscopic photo of the lesion on the left forearm?")).Succeeded);
        return (@case, gp);
    }
}
