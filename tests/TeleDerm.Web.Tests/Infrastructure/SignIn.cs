using System.Net;
using TeleDerm.Testing;

namespace TeleDerm.Web.Tests.Infrastructure;

public static class SignIn
{
    public static Task<HttpResponseMessage> PostPasswordAsync(this FormSession session, string email, string password) =>
        session.SubmitAsync("/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static Task<HttpResponseMessage> PostCodeAsync(this FormSession session, string code) =>
        session.SubmitAsync("/account/login/two-factor?returnUrl=%2F", "two-factor", new Dictionary<string, string> { ["Input.Code"] = code });

    /// <summary>Password, then authenticator code: the whole sign-in of an enrolled user. Fails the test if it does not end on the home page.</summary>
    public static async Task SignInAsync(this FormSession session, TestAccount account, TimeProvider? clock = null)
    {
        var password = await session.PostPasswordAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Found, password.StatusCode);
        if (account.AuthenticatorKey is null)
        {
            return;
        }
        Assert.StartsWith("/account/login/two-factor", FormSession.Location(password), StringComparison.Ordinal);
        var code = await session.PostCodeAsync(AuthenticatorCodes.Next(account.AuthenticatorKey, clock));
        Assert.Equal(HttpStatusCode.Found, code.StatusCode);
        Assert.Equal("/", FormSession.Location(code));
    }
}
