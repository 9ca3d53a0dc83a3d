using Microsoft.AspNetCore.Localization;
using TeleDerm.Core.Accounts;

namespace TeleDerm.Web.Accounts;

/// <summary>Writes a user's language and theme into the cookies the request pipeline reads.</summary>
public static class PreferenceCookies
{
    public static void Apply(HttpContext context, TeleDermUser user)
    {
        var options = new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Expires = DateTimeOffset.UtcNow.AddYears(1) };
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(user.PreferredCulture)), options);
        context.Response.Cookies.Append(ThemePreference.CookieName, user.PreferredTheme == ThemePreference.Dark ? ThemePreference.Dark : ThemePreference.Light, options);
    }
}
