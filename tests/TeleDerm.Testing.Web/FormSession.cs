using System.Net;
using System.Text.RegularExpressions;

namespace TeleDerm.Testing.Web;

/// <summary>
/// A browser without JavaScript: keeps cookies, reads a page, fills one of its forms (hidden fields such
/// as the antiforgery token and Blazor's form handler name included) and posts it, without following redirects.
/// </summary>
public sealed partial class FormSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs <paramref name="pageUrl"/>, then posts its form (the one whose _handler or action matches) with the given fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formKey, IDictionary<string, string> fields, Func<string, string>? tamper = null)
    {
        var (_, html) = await GetAsync(pageUrl);
        var form = FindForm(html, formKey) ?? throw new InvalidOperationException($"No form '{formKey}' on {pageUrl}:\n{html}");
        var values = HiddenInputs(form.Body);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }
        if (tamper is not null && values.TryGetValue("__RequestVerificationToken", out var token))
        {
            values["__RequestVerificationToken"] = tamper(token);
        }
        var target = string.IsNullOrEmpty(form.Action) ? pageUrl : "/" + form.Action.TrimStart('/');
        return await Client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>The redirect target as a path and query, whether the app wrote it absolute or relative.</summary>
    public static string? Location(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => null,
        { IsAbsoluteUri: true } absolute => absolute.PathAndQuery,
        var relative => relative.OriginalString,
    };

    private sealed record Form(string Action, string Body);

    private static Form? FindForm(string html, string key)
    {
        foreach (Match match in FormPattern().Matches(html))
        {
            var action = ActionPattern().Match(match.Groups[1].Value) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : "";
            var body = match.Groups[2].Value;
            if (HiddenInputs(body).TryGetValue("_handler", out var handler) ? handler == key : action.Contains(key, StringComparison.Ordinal))
            {
                return new Form(action, body);
            }
        }
        return null;
    }

    private static Dictionary<string, string> HiddenInputs(string formBody)
    {
        var values = new Dictionary<string, string>();
        foreach (Match input in InputPattern().Matches(formBody))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                continue;
            }
            var name = NamePattern().Match(tag);
            var value = ValuePattern().Match(tag);
            if (name.Success)
            {
                values[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
            }
        }
        return values;
    }

    [GeneratedRegex("<form([^>]*)>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();
    [GeneratedRegex("action=\"([^\"]*)\"")]
    private static partial Regex ActionPattern();
    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();
    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NamePattern();
    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();
}
