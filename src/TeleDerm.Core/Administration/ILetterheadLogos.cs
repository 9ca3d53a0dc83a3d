namespace TeleDerm.Core.Administration;

/// <summary>
/// Makes the letterhead's logo from an administrator's upload (the web host does it with the imaging library):
/// a PNG or JPEG at most <see cref="Accounts.LetterheadRules.MaxLogoUploadBytes"/> long becomes a small JPEG fitting
/// the logo box. Anything else is refused with an <see cref="AdministrationException"/> ("LogoNotImage",
/// "LogoTooManyPixels") before its pixels are decoded.
/// </summary>
public interface ILetterheadLogos
{
    byte[] ToLogoJpeg(byte[] upload);
}
