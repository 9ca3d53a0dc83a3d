using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TeleDerm.Reports.Certificates;

/// <summary>
/// Whether a certificate names a given person: its e-mail (subject E= or subject alternative name) is theirs, or
/// its common name is their name. A report signed with a colleague's certificate would carry the colleague's
/// name in its signature, so a dermatologist may only import a certificate that names them.
/// </summary>
public static class CertificateHolder
{
    public static bool Names(X509Certificate2 certificate, string? email, string displayName)
    {
        var certificateEmail = certificate.GetNameInfo(X509NameType.EmailName, forIssuer: false);
        if (!string.IsNullOrWhiteSpace(email) && string.Equals(certificateEmail, email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return Normalize(commonName).Length > 0 && Normalize(commonName) == Normalize(displayName);
    }

    /// <summary>"Dr Élise  Durand" and "elise durand" are the same name: no title, accents, case or extra spaces.</summary>
    private static string Normalize(string? name)
    {
        var words = (name ?? "").Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Aggregate(new StringBuilder(), (b, c) => b.Append(char.ToLowerInvariant(c))).ToString()
            .Split([' ', '\t', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("dr" or "dr." or "pr" or "pr." or "prof" or "prof."));
        return string.Join(' ', words);
    }
}
