using System.Net;
using TeleDerm.Testing;

namespace TeleDerm.Testing.Web;

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
        Expect(password.StatusCode == HttpStatusCode.Found, $"the password step answered {(int)password.StatusCode}, not a redirect");
        if (account.AuthenticatorKey is null)
        {
            return;
        }
        Expect(FormSession.Location(password)?.StartsWith("/account/login/two-factor", StringComparison.Ordinal) == true,
            $"the password step sent to {FormSession.Location(password)}, not to the two-factor step");
        var code = await session.PostCodeAsync(AuthenticatorCodes.Next(account.AuthenticatorKey, clock));
        Expect(code.StatusCode == HttpStatusCode.Found && FormSession.Location(code) == "/",
            $"the code step answered {(int)code.StatusCode} to {FormSession.Location(code)}, not a redirect to the home page");
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Sign-in failed: " + failure);
        }
    }
}
