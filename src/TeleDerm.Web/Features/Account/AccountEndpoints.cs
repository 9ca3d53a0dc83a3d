using Microsoft.AspNetCore.Identity;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;
using TeleDerm.Core.Notifications;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Features.Account;

/// <summary>Form posts of the account feature that are not pages: sign-out and preferences.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Both posts come from TeleDerm's own forms, which carry an antiforgery token: refuse any other.
        var account = app.MapGroup("/account").AddEndpointFilter<AntiforgeryRequired>();

        // Anonymous allowed: an expired session still gets a clean redirect to the sign-in page.
        account.MapPost("/logout", async (HttpContext context, SignInManager<TeleDermUser> signIn, UserManager<TeleDermUser> users, AuditRecorder audit) =>
        {
            var form = await context.Request.ReadFormAsync();
            var idle = form["reason"] == "idle";
            if (context.User.Identity?.IsAuthenticated == true)
            {
                await audit.RecordAsync(idle ? AuditActions.SignOutIdle : AuditActions.SignOut);
                // A new stamp makes every copy of this cookie worthless, not only the one the browser deletes.
                if (await users.GetUserAsync(context.User) is { } user)
                {
                    await users.UpdateSecurityStampAsync(user);
                }
                await signIn.SignOutAsync();
            }
            return Results.Redirect(idle ? "/account/login?reason=idle" : "/account/login?reason=signed-out");
        }).AllowAnonymous();

        // Not "/account/preferences": the page of that name also accepts POST (Blazor forms).
        account.MapPost("/preferences/save", async (HttpContext context, UserManager<TeleDermUser> users, TeleDermDbContext db, AuditRecorder audit) =>
        {
            var form = await context.Request.ReadFormAsync();
            var user = await users.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.Redirect("/account/login");
            }
            var culture = form["culture"].ToString();
            var theme = form["theme"].ToString();
            if (culture is not ("en" or "fr") || theme is not (ThemePreference.Light or ThemePreference.Dark))
            {
                return Results.BadRequest("Language must be 'en' or 'fr' and theme 'light' or 'dark'.");
            }
            // Exactly a name offered (Enum.TryParse would also take numbers and "Immediately,Off"); absent from a
            // form older than the setting, the account keeps what it has.
            var emailField = form["emailNotifications"].ToString();
            if (emailField.Length > 0 && !Enum.GetNames<EmailNotifications>().Contains(emailField, StringComparer.Ordinal))
            {
                return Results.BadRequest("E-mail notifications must be 'Immediately' or 'Off'.");
            }
            var email = emailField.Length > 0 ? Enum.Parse<EmailNotifications>(emailField) : await NotificationPreference.EmailOfAsync(db, user.Id);
            // The registration number is printed on the reports a dermatologist signs; other roles have none.
            var registration = form["registration"].ToString().Trim();
            if (registration.Length > 40 || registration.Any(char.IsControl))
            {
                return Results.BadRequest("A registration number is 40 printable characters at most.");
            }
            user.PreferredCulture = culture;
            user.PreferredTheme = theme;
            if (context.User.IsInRole(Roles.Dermatologist) || context.User.IsInRole(Roles.DepartmentHead))
            {
                user.RegistrationNumber = registration.Length == 0 ? null : registration;
            }
            await users.UpdateAsync(user);
            await NotificationPreference.SetEmailAsync(db, user.Id, email);
            await db.SaveChangesAsync();
            PreferenceCookies.Apply(context, user);
            await audit.RecordAsync(AuditActions.PreferencesChanged, details: $"culture={culture}; theme={theme}; e-mail={email}; registration={user.RegistrationNumber ?? "-"}");
            return Results.Redirect("/account/preferences?saved=1");
        });
    }
}
