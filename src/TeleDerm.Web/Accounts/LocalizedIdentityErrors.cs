using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Accounts;

/// <summary>Identity's messages that reach a person (password rules, duplicate accounts), in the user's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<Texts> text) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string key, params object[] arguments) =>
        new() { Code = code, Description = string.Format(System.Globalization.CultureInfo.CurrentCulture, text[key], arguments) };

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Identity.PasswordTooShort", length);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Identity.PasswordRequiresDigit");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Identity.PasswordRequiresLower");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Identity.PasswordRequiresUpper");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "Identity.PasswordRequiresUniqueChars", uniqueChars);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Identity.DuplicateEmail", email);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Identity.DuplicateEmail", userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Identity.InvalidEmail", email ?? "");
}
