namespace LedelsesInfo.Web.Tests;

/// <summary>
/// No crafted query string or path value gives a 500: every query parameter and route value a page binds, given
/// values out of range, of the wrong type, of SQL and of script, to the audience that may open the page.
/// </summary>
public sealed class HostileInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Values =
    [
        "-2147483648", "2147483648", "99999999999999999999", "0", "-1", "9999-12-31", "0001-01-01", "2025-13-45", "2025-W99", "2025-Q0",
        "'; DROP TABLE kpi_values; --", "<script>alert(1)</script>", "%00", "../../etc/passwd", new string('x', 3000), "", " ", "æøå",
    ];

    public static TheoryData<string, string, string> Parameters => new()
    {
        { "fagudvalg", "/Fagudvalg", "quarter" },
        { "fagudvalg", "/Fagudvalg", "asOf" },
        { "fagudvalg", "/Fagudvalg?handler=Export&format=csv", "table" },
        { "fagudvalg", "/Fagudvalg?handler=Export&table=oversigt", "format" },
        { "forvaltningsledelse", "/Ledelse", "unit" },
        { "forvaltningsledelse", "/Ledelse", "month" },
        { "forvaltningsledelse", "/Ledelse", "asOf" },
        { "forvaltningsledelse", "/Tilsyn/Oversigt", "year" },
        { "teamleder", "/Team", "team" },
        { "teamleder", "/Team", "week" },
        { "teamleder", "/Team", "asOf" },
        { "teamleder", "/Team", "caseworker" },
        { "teamleder", "/Team", "kind" },
        { "teamleder", "/Team", "sort" },
        { "teamleder", "/Tilsyn", "year" },
        { "sagsbehandler", "/Mine", "asOf" },
        { "administrator", "/Admin/Adgangslog", "sag" },
        { "administrator", "/Katalog/Indstilling?kpi=B1", "audience" },
        { "administrator", "/Katalog/Indstilling?audience=fagudvalg", "kpi" },
    };

    public static TheoryData<string, string> Routes => new()
    {
        { "teamleder", "/Sag/{0}" },
        { "teamleder", "/Tilsyn/Runde/{0}" },
        { "sagsbehandler", "/Tilsyn/Selvevaluering/{0}" },
        { "administrator", "/Admin/Importkoersel/{0}" },
        { "sagsbehandler", "/Katalog/Noegletal/{0}" },
        { "sagsbehandler", "/Katalog/Modtagergruppe/{0}" },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public async Task A_hostile_query_value_is_answered_without_a_server_error(string audience, string page, string parameter)
    {
        using var client = await SignIn.AsAsync(factory, audience);
        var failures = new List<string>();
        foreach (var value in Values)
        {
            var url = $"{page}{(page.Contains('?', StringComparison.Ordinal) ? "&" : "?")}{parameter}={Uri.EscapeDataString(value)}";
            var response = await client.GetAsync(url);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{url[..Math.Min(url.Length, 120)]}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_hostile_path_value_is_answered_without_a_server_error(string audience, string template)
    {
        using var client = await SignIn.AsAsync(factory, audience);
        var failures = new List<string>();
        foreach (var value in Values.Where(v => v.Trim().Length > 0))
        {
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Uri.EscapeDataString(value));
            var response = await client.GetAsync(url);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{url[..Math.Min(url.Length, 120)]}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<string, string, string, string[]> Forms => new()
    {
        { "teamleder", "/Tilsyn?handler=Plan", "/Tilsyn", ["year", "sampleSize", "mode", "templateId", "focus"] },
        { "teamleder", "/Tilsyn/Skabeloner?handler=Copy", "/Tilsyn/Skabeloner", ["templateId", "name"] },
        { "teamleder", "/Tilsyn/Skabeloner?handler=Save", "/Tilsyn/Skabeloner", ["templateId", "text", "focus", "kpi"] },
        { "teamleder", "/Tilsyn/Runde/1?handler=Swap", "/Tilsyn", ["reviewCaseId", "reason"] },
        { "teamleder", "/Tilsyn/Runde/1?handler=Plan", "/Tilsyn", ["questionId", "what", "who", "byWhen"] },
        { "teamleder", "/Tilsyn/Runde/1?handler=Answer", "/Tilsyn", ["reviewCaseId", "a1", "c1"] },
        { "sagsbehandler", "/Tilsyn/Selvevaluering/1", "/Mine", ["a1", "c1"] },
        { "administrator", "/Katalog/Indstilling", "/Katalog/Indstilling?audience=fagudvalg&kpi=B1", ["audience", "kpi", "enabled", "cadence", "grain"] },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_hostile_form_value_is_answered_without_a_server_error(string audience, string action, string formPage, string[] fields)
    {
        using var client = await SignIn.AsAsync(factory, audience);
        var token = SignIn.FormToken(await client.GetStringAsync(formPage));
        var failures = new List<string>();
        var handled = 0;
        foreach (var field in fields)
        {
            foreach (var value in Values)
            {
                var form = fields.ToDictionary(f => f, f => f == field ? value : "1");
                form["__RequestVerificationToken"] = token;
                var response = await client.PostAsync(action, new FormUrlEncodedContent(form));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{action} {field}={value[..Math.Min(value.Length, 40)]}: {(int)response.StatusCode}");
                }
                // The form reached its page (antiforgery refuses with a bare 400): any other answer, or the page's own refusal.
                if (response.StatusCode != System.Net.HttpStatusCode.BadRequest
                    || (await response.Content.ReadAsStringAsync()).Contains("Det blev ikke gemt", StringComparison.Ordinal))
                {
                    handled++;
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(handled > 0, $"{action}: no post reached its handler");
    }
}
