namespace TeleDerm.Web.Accounts;

/// <summary>Keeps return URLs on this site, so a crafted sign-in link cannot send a user elsewhere.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
