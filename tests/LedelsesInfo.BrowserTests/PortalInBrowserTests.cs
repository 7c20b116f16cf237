using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LedelsesInfo.BrowserTests;

/// <summary>The portal as its users meet it: Debian's Chromium against the demo municipality on real Kestrel.</summary>
public sealed class PortalInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public static readonly TheoryData<string> AudienceCodes = new(["fagudvalg", "forvaltningsledelse", "teamleder", "sagsbehandler", "administrator"]);

    private static readonly string AxeScript = Path.Combine(RepoRoot(), "src", "LedelsesInfo.Web", "node_modules", "axe-core", "axe.min.js");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LedelsesInfo.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("LedelsesInfo.sln findes ikke over testmappen.");
    }

    /// <summary>The pages an audience reaches from the navigation, and the pages one click below them that it may open.</summary>
    private static async Task<List<string>> PagesAsync(IPage page)
    {
        var nav = await page.Locator("nav.portal-nav a.nav-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var pages = nav.ToList();
        if (pages.Contains("/Katalog"))
        {
            pages.AddRange(["/Katalog/Noegletal/B1", "/Katalog/Modtagere", "/Tilgaengelighed"]);
        }
        if (pages.Contains("/Admin/Indlaes"))
        {
            pages.AddRange(["/Admin/Importfiler", "/Admin/UgentligBesked"]);
        }
        if (pages.Contains("/Team") || pages.Contains("/Mine"))
        {
            pages.Add("/Indstillinger");
        }
        if (pages.Contains("/Admin/Adgangslog"))
        {
            pages.Add("/Admin/Adgangslog?sag=S0000013"); // a case the demo's supervision rounds answered about, so the log has rows
        }
        return pages.Distinct().ToList();
    }

    private static async Task<(IResponse? Response, List<string> Problems)> VisitAsync(IPage page, string url)
    {
        var problems = new List<string>();
        void OnConsole(object? _, IConsoleMessage m)
        {
            if (m.Type == "error")
            {
                problems.Add($"console: {m.Text}");
            }
        }
        void OnFailed(object? _, IRequest r) => problems.Add($"failed: {r.Url} {r.Failure}");
        void OnResponse(object? _, IResponse r)
        {
            if (r.Status >= 400)
            {
                problems.Add($"{r.Status}: {r.Url}");
            }
        }
        page.Console += OnConsole;
        page.RequestFailed += OnFailed;
        page.Response += OnResponse;
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        page.Console -= OnConsole;
        page.RequestFailed -= OnFailed;
        page.Response -= OnResponse;
        return (response, problems);
    }

    [BrowserTheory]
    [MemberData(nameof(AudienceCodes))]
    public async Task Every_page_of_an_audience_loads_without_errors_and_every_chart_is_painted_with_its_table_and_summary(string audience)
    {
        foreach (var width in new[] { 1280, 360 })
        {
            var page = await fixture.SignedInPageAsync(audience, width);
            foreach (var path in await PagesAsync(page))
            {
                var (response, problems) = await VisitAsync(page, fixture.BaseUrl + path);
                Assert.True(response!.Ok, $"{path} svarede {response.Status}");
                Assert.True(problems.Count == 0, $"{audience} {path}: {string.Join("; ", problems)}");
                // Charts folded behind "Vis tal og grafer" are opened as a reader opens them, by their summary.
                var folded = page.Locator("details:has(canvas[data-chart]):not([open]) > summary");
                while (await folded.CountAsync() > 0)
                {
                    await folded.First.ClickAsync();
                }
                await page.WaitForTimeoutAsync(300);
                var charts = await page.Locator("canvas[data-chart]").CountAsync();
                for (var i = 0; i < charts; i++)
                {
                    var painted = await page.Locator("canvas[data-chart]").Nth(i).EvaluateAsync<bool>(
                        "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true; return false; }");
                    Assert.True(painted, $"{path}: graf {i + 1} er ikke tegnet");
                    var figure = page.Locator("figure.chart").Nth(i);
                    Assert.Equal(1, await figure.Locator("table.chart__table").CountAsync());
                    Assert.False(string.IsNullOrWhiteSpace(await figure.Locator(".chart__summary").InnerTextAsync()), $"{path}: graf {i + 1} mangler tekstsammendrag");
                }
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactFolder, $"{audience}{path.Replace('/', '_')}-{width}.png"), FullPage = true });
            }
            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task A_caseworker_marks_a_deadline_from_the_list_with_the_keyboard_and_at_320_px_the_rows_are_cards()
    {
        var page = await fixture.SignedInPageAsync("sagsbehandler", width: 320, bypassCsp: true);
        await page.GotoAsync(fixture.BaseUrl + "/Mine", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // The first screen is the work: the counts, then the groups; each row a card with its deadline, status and action.
        Assert.Matches(@"^\d+ friste?r? i denne uge, \d+ nye? overskredne?, \d+ overskredne?, \d+ ældre end 3 måneder", await page.Locator(".worklist-counts").InnerTextAsync());
        var row = page.Locator("table.worklist tbody tr").First;
        Assert.Equal("block", await row.EvaluateAsync<string>("r => getComputedStyle(r).display"));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 321, "listen ruller vandret ved 320 px");
        var caseId = (await row.Locator("th a").InnerTextAsync()).Trim();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactFolder, "worklist-320.png"), FullPage = false });

        // By keyboard: to the row's "Markér", the form, a note and back to the list, where the mark stands beside the deadline.
        await row.Locator("a.worklist-action").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.Contains("/Frister/Marker", StringComparison.Ordinal));
        Assert.Empty(await AxeAsync(page));
        await page.FocusAsync("#mark-fejl_i_data");
        await page.Keyboard.PressAsync("Space");
        await page.FocusAsync("#Note");
        await page.Keyboard.TypeAsync("Fristen er beregnet fra en forkert startdato");
        await page.FocusAsync("form.mark-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.EndsWith("/Mine", StringComparison.Ordinal));
        var marked = page.Locator($"table.worklist tbody tr:has(th a:text-is('{caseId}')) .worklist-mark").First;
        Assert.Contains("Fejl i data", await marked.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Fristen er beregnet fra en forkert startdato", await marked.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await AxeAsync(page));
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [MemberData(nameof(AudienceCodes))]
    public async Task Every_page_has_no_wcag_2_1_a_or_aa_violations(string audience)
    {
        var page = await fixture.SignedInPageAsync(audience, bypassCsp: true);
        var failures = new List<string>();
        foreach (var path in await PagesAsync(page))
        {
            await page.GotoAsync(fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
            var result = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))");
            failures.AddRange(result.EnumerateArray().Select(v => $"{path}: {v.GetString()}"));
        }
        await page.Context.CloseAsync();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [BrowserTheory]
    [MemberData(nameof(AudienceCodes))]
    public async Task At_320_css_pixels_every_page_reflows_without_horizontal_scrolling(string audience)
    {
        var page = await fixture.SignedInPageAsync(audience, width: 320);
        var wide = new List<string>();
        foreach (var path in await PagesAsync(page))
        {
            await page.GotoAsync(fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 321)
            {
                wide.Add($"{path}: {width}px");
            }
        }
        await page.Context.CloseAsync();
        Assert.True(wide.Count == 0, "Siden ruller vandret: " + string.Join(", ", wide));
    }

    /// <summary>Every visible link and control (the design system's own overflow button is hidden while the menu fits).</summary>
    private const string Controls = "Array.from(document.querySelectorAll('a[href], button, select, input:not([type=hidden]), textarea, [tabindex=\"0\"]')).filter(e => e.checkVisibility())";

    [BrowserTheory]
    [MemberData(nameof(AudienceCodes))]
    public async Task Every_control_of_every_page_is_reached_with_the_keyboard_and_shows_its_focus(string audience)
    {
        var page = await fixture.SignedInPageAsync(audience);
        var failures = new List<string>();
        foreach (var path in await PagesAsync(page))
        {
            await page.GotoAsync(fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var controls = await page.EvaluateAsync<int>($"() => {Controls}.length");
            var reached = new HashSet<int>();
            var invisibleFocus = new List<string>();
            for (var i = 0; i < controls + 5; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await page.EvaluateAsync<JsonElement>(
                    $"() => {{ const e = document.activeElement; const s = getComputedStyle(e); return {{ index: {Controls}.indexOf(e), html: e.outerHTML.slice(0, 120), visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' }}; }}");
                var index = focused.GetProperty("index").GetInt32();
                if (index >= 0)
                {
                    reached.Add(index);
                    if (!focused.GetProperty("visible").GetBoolean())
                    {
                        invisibleFocus.Add(focused.GetProperty("html").GetString()!);
                    }
                }
            }
            if (reached.Count != controls)
            {
                var missed = await page.EvaluateAsync<string[]>($"reached => {Controls}.filter((e, i) => !reached.includes(i)).map(e => e.outerHTML.slice(0, 120))", reached.ToArray());
                failures.Add($"{path}: Tab nåede {reached.Count} af {controls}; ikke: {string.Join(" | ", missed.Take(3))}");
            }
            failures.AddRange(invisibleFocus.Distinct().Take(3).Select(h => $"{path}: uden synligt fokus: {h}"));
        }
        await page.Context.CloseAsync();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<string[]> AxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))");
        return result.EnumerateArray().Select(v => v.GetString()!).ToArray();
    }

    [BrowserFact]
    public async Task An_administrator_uploads_sees_the_progress_and_the_preview_and_confirms_with_the_keyboard()
    {
        var page = await fixture.SignedInPageAsync("administrator", bypassCsp: true);
        var folder = Directory.CreateTempSubdirectory("ledelsesinfo-upload-").FullName;
        // 200,000 rows, every one with an amount that is not one: long enough to read that the progress shows.
        var payments = Path.Combine(folder, "payments.csv");
        await using (var writer = new StreamWriter(payments))
        {
            await writer.WriteAsync("payment_id;unit_id;function;activity_id;posted_on;amount\n");
            for (var i = 0; i < 200_000; i++)
            {
                await writer.WriteAsync($"PX{i};K;5.28.21;;2026-01-05;ikke-et-beløb\n");
            }
        }
        var goals = Path.Combine(folder, "goals.csv");
        await File.WriteAllTextAsync(goals, "kpi_code;unit_id;year;target\nU2;K;2037;96\n");
        // An upload ahead of it in the queue, a million rows long, so the progress is on the page whatever the machine's speed.
        var ahead = Path.Combine(folder, "hr.csv");
        await using (var writer = new StreamWriter(ahead))
        {
            await writer.WriteAsync("employee_id;month;fte;hours_worked;overtime_hours;sick_days\n");
            for (var i = 0; i < 1_000_000; i++)
            {
                await writer.WriteAsync("UKENDT;2026-01;1;ikke;0;0\n");
            }
        }
        await page.GotoAsync(fixture.BaseUrl + "/Admin/Indlaes");
        await page.SetInputFilesAsync("#filer", ahead);
        await page.FocusAsync("form.import-upload button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.Contains("/Admin/Indlaesning?id=", StringComparison.Ordinal));
        var aheadUrl = page.Url;

        await page.GotoAsync(fixture.BaseUrl + "/Admin/Indlaes");
        await page.SetInputFilesAsync("#filer", payments);
        await page.FocusAsync("form.import-upload button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.Contains("/Admin/Indlaesning?id=", StringComparison.Ordinal));
        // The progress first (its script reloads the page when the preview is ready), then the preview.
        Assert.True(await page.Locator("#import-progress[role], #import-progress").IsVisibleAsync(), "fremdriften vises ikke, mens filen læses");
        Assert.Contains("i køen", await page.Locator("#import-progress").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("h2:text('Indlæs eller annullér')").WaitForAsync();
        Assert.Contains("200.000", await page.Locator("table").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await AxeAsync(page));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactFolder, "import-preview.png"), FullPage = false });
        await page.FocusAsync("form:has(input[name=strict][value=true]) button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("text=Streng indlæsning: intet er indlæst, fordi 200.000 rækker er ugyldige").WaitForAsync();
        await page.FocusAsync("form[action*='handler=Cancel'] button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.EndsWith("/Admin/Indlaes", StringComparison.Ordinal));
        Assert.Contains("Indlæsningen er annulleret", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // A good file: confirmed with the keyboard, imported and recomputed in the background, the page says when it is ready.
        await page.SetInputFilesAsync("#filer", goals);
        await page.FocusAsync("form.import-upload button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("h2:text('Indlæs eller annullér')").WaitForAsync();
        await page.FocusAsync("form:has(input[name=strict][value=false]) button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("text=1 række er indlæst, og de nye nøgletal er klar.").WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
        Assert.Empty(await AxeAsync(page));
        await page.ClickAsync("text=Se kørslen i importhistorikken");
        Assert.Contains("goals.csv", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        // The upload that went ahead is cancelled, so nothing of it is left behind.
        await page.GotoAsync(aheadUrl);
        await page.FocusAsync("form[action*='handler=Cancel'] button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.EndsWith("/Admin/Indlaes", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_team_leader_writes_a_note_an_action_and_an_expectation_with_the_keyboard_and_a_director_reads_the_marker_in_words()
    {
        var page = await fixture.SignedInPageAsync("teamleder", bypassCsp: true);
        await page.GotoAsync(fixture.BaseUrl + "/Team", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        // From the notes under the team's figures: choose the figure, open the form, write, save; all by keyboard.
        await page.FocusAsync("form[action='/Bemaerkninger/Skriv'] select");
        await page.Keyboard.PressAsync("End");
        await page.FocusAsync("form[action='/Bemaerkninger/Skriv'] button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.Contains("/Bemaerkninger/Skriv", StringComparison.Ordinal));
        Assert.Empty(await AxeAsync(page));
        await page.FocusAsync("#Interpretation");
        await page.Keyboard.TypeAsync("Teamet har fået to nye sagsbehandlere i denne uge.");
        await page.FocusAsync("#Explanations_0__Text");
        await page.Keyboard.TypeAsync("Nye kolleger skal lære fagsystemet.");
        await page.FocusAsync("#e0-kilde-intern");
        await page.Keyboard.PressAsync("Space");
        await page.FocusAsync("#e0-omfang-kollektiv");
        await page.Keyboard.PressAsync("Space");
        await page.FocusAsync("form.note-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.EndsWith("/Team", StringComparison.Ordinal));
        var note = page.Locator("li.note:has-text('Teamet har fået to nye sagsbehandlere i denne uge.')");
        Assert.Contains("Intern, kollektiv: Nye kolleger skal lære fagsystemet.", await note.InnerTextAsync(), StringComparison.Ordinal);

        // An action on it: the owner chosen from the team, dates typed, the figure's aim picked.
        await note.Locator("a:has-text('Tilføj handling')").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.Contains("/Handlinger/Ny", StringComparison.Ordinal));
        Assert.Empty(await AxeAsync(page));
        await page.FocusAsync("#What");
        await page.Keyboard.TypeAsync("Sidemakker til de nye i de første tre måneder");
        await page.FocusAsync("#Owner");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.FillAsync("#DueOn", LedelsesInfo.Application.Abstractions.DanishClock.Instance.Today.AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FocusAsync("#retning-op");
        await page.Keyboard.PressAsync("Space");
        await page.FocusAsync("#TargetValue");
        await page.Keyboard.TypeAsync("92,5");
        await page.FillAsync("#TargetBy", LedelsesInfo.Application.Abstractions.DanishClock.Instance.Today.AddMonths(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FocusAsync("form.note-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.EndsWith("/Team", StringComparison.Ordinal));
        Assert.Contains("Sidemakker til de nye i de første tre måneder", await page.Locator("li.note:has-text('Teamet har fået to nye sagsbehandlere')").InnerTextAsync(), StringComparison.Ordinal);

        // The action list, at a phone's width too: each action a card, nothing beside the screen.
        await page.GotoAsync(fixture.BaseUrl + "/Handlinger", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var action = page.Locator("table.action-table tr:has-text('Sidemakker til de nye')");
        Assert.Contains("skal stige til 92,5", await action.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await AxeAsync(page));
        await page.SetViewportSizeAsync(390, 844);
        Assert.Equal("block", await action.EvaluateAsync<string>("r => getComputedStyle(r).display"));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 391, "handlingslisten ruller vandret ved 390 px");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactFolder, "handlinger-390.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        // An expectation for next week, by keyboard.
        await page.GotoAsync(fixture.BaseUrl + "/Team", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.FocusAsync("form[action='/Bemaerkninger/Forventning'] button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.Contains("/Bemaerkninger/Forventning", StringComparison.Ordinal));
        Assert.Empty(await AxeAsync(page));
        await page.FocusAsync("#retning-ned");
        await page.Keyboard.PressAsync("Space");
        await page.FocusAsync("#Reason");
        await page.Keyboard.TypeAsync("De nye kolleger tager færre sager de første uger.");
        await page.FocusAsync("form.note-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.EndsWith("/Team", StringComparison.Ordinal));
        Assert.Contains("De nye kolleger tager færre sager de første uger. Tallet er ikke kommet endnu.", Normalize(await page.Locator("ul.expectation-list").InnerTextAsync()), StringComparison.Ordinal);
        await page.Context.CloseAsync();

        // A director's chart with a note: the marker drawn at its point, named in the canvas's text and in the table.
        var director = await fixture.SignedInPageAsync("forvaltningsledelse");
        await director.GotoAsync(fixture.BaseUrl + "/Ledelse", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await director.Locator("details.paper-charts > summary").First.ClickAsync();
        var canvas = director.Locator("figure.chart:has(td.chart__marker span) canvas").First;
        Assert.Contains("Bemærkninger i grafen:", await canvas.GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);
        var drawn = await canvas.EvaluateAsync<int>("c => { const ds = window.Chart.getChart(c).data.datasets.find(d => d.label === 'Bemærkning'); return ds ? ds.data.filter(v => v !== null).length : 0; }");
        var rows = await director.Locator("figure.chart:has(td.chart__marker span)").First.Locator("td.chart__marker").AllInnerTextsAsync();
        Assert.Equal(rows.Count(r => r.Trim().Length > 0), drawn);
        await director.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_team_leader_sorts_the_deadline_list_with_the_keyboard()
    {
        var page = await fixture.SignedInPageAsync("teamleder");
        await page.GotoAsync(fixture.BaseUrl + "/Team", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        // The list keeps its groups (what to do now first); the sort links order the rows within each group.
        await page.FocusAsync("a[href^='?'][href$='sort=sag']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.EndsWith("sort=sag", StringComparison.Ordinal));

        Assert.Equal("true", await page.GetAttributeAsync("a[href^='?'][href$='sort=sag']", "aria-current"));
        var groups = page.Locator("table.worklist:not(#tabel-ugen)");
        Assert.True(await groups.CountAsync() > 0);
        for (var i = 0; i < await groups.CountAsync(); i++)
        {
            var cases = await groups.Nth(i).Locator("tbody th").AllInnerTextsAsync();
            Assert.True(cases.Order(StringComparer.Ordinal).SequenceEqual(cases), $"{page.Url} {await groups.Nth(i).Locator("caption").InnerTextAsync()}: {string.Join(",", cases)}");
        }
        // The filters fold away above the list; they open with the keyboard, a select changes with it, and Enter on the button sends the form.
        await page.FocusAsync("details.filters > summary");
        await page.Keyboard.PressAsync("Enter");
        await page.FocusAsync("#kind");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.FocusAsync("form.period-picker button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => url.Contains("kind=bfu", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_committees_paper_prints_from_the_browser_with_the_summary_first_its_sections_and_the_as_of_date_on_every_page()
    {
        var page = await fixture.SignedInPageAsync("fagudvalg");
        await page.GotoAsync(fixture.BaseUrl + "/Fagudvalg", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var pdf = Path.Combine(BrowserFixture.ArtifactFolder, "fagudvalg.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        await page.Context.CloseAsync();

        var pages = PdfPages(pdf);
        Assert.InRange(pages.Count, 4, 20);
        var asOf = Normalize(await AsOfTextAsync());
        Assert.All(pages, (text, i) => Assert.True(Normalize(text).Contains($"Opgjort pr. {asOf}", StringComparison.Ordinal), $"side {i + 1} mangler opgørelsesdatoen"));
        var all = string.Join("\n", pages);
        foreach (var section in new[] { "Sammenfatning", "Forvaltningens bemærkninger", "Strategi og mål", "Sagsbehandling og lovens frister", "Økonomi", "Medarbejdere og kapacitet", "Forvaltningerne sammenlignet", "Ledelsestilsyn", "Definitioner" })
        {
            Assert.Contains(section, all, StringComparison.Ordinal);
        }
        // The browser's own print is the meeting paper too: the summary on page one, in the screen's font, no page nearly empty.
        Assert.Contains("Sammenfatning", pages[0], StringComparison.Ordinal);
        // No page nearly empty by a break, except the last, which holds what is left.
        Assert.All(pages, (text, i) => Assert.True(i == pages.Count - 1 || text.Trim().Length >= pages.Max(p => p.Trim().Length) / 4, $"side {i + 1} er næsten tom"));
    }

    [BrowserFact]
    public async Task The_committees_figure_on_screen_equals_the_key_figure_export_for_that_unit_and_period()
    {
        var page = await fixture.SignedInPageAsync("fagudvalg");
        await page.GotoAsync(fixture.BaseUrl + "/Fagudvalg", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var quarter = await page.InputValueAsync("#quarter");
        var shown = await page.Locator("#tabel-noegletal tr:has(th:text-is('U2 Underretninger vurderet inden for 24 timer')) td").First.InnerTextAsync();
        await page.Context.CloseAsync();

        // The same figure in the key-figure export (the file other systems get), for the municipality and that quarter.
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        var asOf = await db.KpiValues.MaxAsync(v => v.AsOf);
        var export = Path.Combine(BrowserFixture.ArtifactFolder, "noegletal.csv");
        await new LedelsesInfo.Infrastructure.KeyFigures.KpiExport(db).WriteAsync(export, asOf);
        var row = File.ReadLines(export).Single(l => l.StartsWith($"U2;K;{quarter};", StringComparison.Ordinal)).Split(';');
        var expected = decimal.Round(decimal.Parse(row[5], CultureInfo.InvariantCulture), 1, MidpointRounding.AwayFromZero);
        Assert.Equal(expected.ToString("#,##0.0", CultureInfo.GetCultureInfo("da-DK")), shown.Trim());
    }

    private async Task<string> AsOfTextAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var asOf = await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().KpiValues.MaxAsync(v => v.AsOf);
        return asOf.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("da-DK"));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The text of each PDF page, from poppler's pdftotext (pages are separated by form feeds).</summary>
    private static List<string> PdfPages(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext", ["-layout", pdf, "-"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext mangler (apt-get install poppler-utils).");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text.Split('\f').Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
    }
}
