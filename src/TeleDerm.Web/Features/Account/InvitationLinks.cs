using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using TeleDerm.Core.Administration;

namespace TeleDerm.Web.Features.Account;

/// <summary>The link an invited person opens to choose their password (read back by <c>AcceptInvitation</c>).</summary>
public static class InvitationLinks
{
    public static string PathFor(Invitation invitation) =>
        $"/account/invitation?userId={Uri.EscapeDataString(invitation.UserId)}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(invitation.PasswordResetToken))}";
}
