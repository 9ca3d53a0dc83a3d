using QRCoder;

namespace TeleDerm.Web.Features.Account;

/// <summary>The otpauth:// URI that authenticator apps scan, drawn as an inline SVG (no external image service).</summary>
public static class AuthenticatorQrCode
{
    public static string Uri(string issuer, string account, string base32Key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}" +
        $"?secret={base32Key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6&period=30";

    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
