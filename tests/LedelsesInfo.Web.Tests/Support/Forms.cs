using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LedelsesInfo.Web.Tests.Support;

/// <summary>Fills in and posts a page's form as a browser would: the antiforgery token and the form's hidden fields from the page, the user's fields on top.</summary>
public static partial class Forms
{
    /// <summary>GETs <paramref name="formUrl"/> and POSTs to its path (or <paramref name="postUrl"/>) with the token, the hidden fields and <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formUrl, Dictionary<string, string> fields, string? postUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var form = await client.GetStringAsync(formUrl);
        fields["__RequestVerificationToken"] = SignIn.FormToken(form);
        foreach (var hidden in HiddenField().Matches(form).Where(m => !fields.ContainsKey(m.Groups[1].Value)))
        {
            fields[hidden.Groups[1].Value] = WebUtility.HtmlDecode(hidden.Groups[2].Value);
        }
        return await client.PostAsync(postUrl ?? formUrl.Split('?')[0], new FormUrlEncodedContent(fields));
    }

    /// <summary>A page as its reader reads it: tags removed, entities decoded, white space folded.</summary>
    public static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    /// <summary>A chart's data as the page gives it to the chart script (the JSON beside the canvas).</summary>
    public static JsonElement Chart(string html, string id)
    {
        var match = Regex.Match(html, $"<script type=\"application/json\" id=\"{Regex.Escape(id)}-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, $"ingen graf {id} på siden");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
