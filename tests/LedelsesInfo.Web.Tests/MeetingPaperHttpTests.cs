using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// The committee's meeting paper: the summary first, and a PDF printed by the server with Debian's Chromium from the same
/// page, read back with pdftotext: the summary on page one, the as-of date and the page number on every page, no page
/// nearly empty, no person's name. Where no Chromium is installed, the page says so and offers no download.
/// </summary>
public sealed partial class MeetingPaperHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_page_opens_with_the_summary_whose_changed_statuses_come_first_and_shows_no_table_twice()
    {
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");

        var page = WebUtility.HtmlDecode(await committee.GetStringAsync("/Fagudvalg"));

        var summary = page.IndexOf("<h2 id=\"sammenfatning\">Sammenfatning</h2>", StringComparison.Ordinal);
        Assert.True(summary > 0 && summary < page.IndexOf("<h2>Strategi", StringComparison.Ordinal), "sammenfatningen står ikke først");
        Assert.Contains("Forvaltningens bemærkninger", page, StringComparison.Ordinal);
        Assert.Matches(@"(Bedre|Dårligere): (steget|faldet) fra [\d.,]+( %)? til [\d.,]+( %)? \([+−][\d.,]+( point)?\)\.", page);
        Assert.Matches(@"(Rød|Gul): [\d,]+ point (under|over) målet", page);
        var captions = Regex.Matches(page, "<caption>(.*?)</caption>").Select(m => m.Groups[1].Value).Where(c => !c.StartsWith("Tallene bag grafen", StringComparison.Ordinal)).ToList();
        Assert.Equal(captions.Count, captions.Distinct().Count());
        Assert.DoesNotContain("Mål og målopfyldelse", page, StringComparison.Ordinal);
        Assert.Contains("Hent mødepapiret som PDF", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_numbers_are_hidden_in_the_committees_exports_and_shown_in_managements()
    {
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        using var admin = await SignIn.AsAsync(factory, "administrator");

        var published = await committee.GetStringAsync("/Fagudvalg?handler=Export&table=sammenligning&format=csv");
        var internalUse = await admin.GetStringAsync("/Ledelse?handler=Export&table=enheder&format=csv");
        var deadlines = await admin.GetStringAsync("/Ledelse?handler=Export&table=lovens-frister&format=csv");

        Assert.Contains(";<5;", published, StringComparison.Ordinal);
        Assert.DoesNotContain("<5", internalUse, StringComparison.Ordinal);
        Assert.DoesNotContain("<5", deadlines, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_prints_the_paper_as_an_a4_pdf_with_the_summary_first_and_nobodys_name()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Debian's chromium is not installed (.ci/run installs it)");
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        var page = WebUtility.HtmlDecode(await committee.GetStringAsync("/Fagudvalg"));
        var asOf = Regex.Match(page, "Data er opgjort til og med <strong>(.*?)</strong>").Groups[1].Value;
        Assert.NotEmpty(asOf);

        var response = await committee.GetAsync("/Fagudvalg?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^attachment; filename=fagudvalget-\d{4}-Q[1-4]\.pdf$", response.Content.Headers.ContentDisposition?.ToString() ?? "");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var pdf = Path.Combine(factory.DataFolder, "papir.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        var pages = Pages(pdf);

        Assert.True(pages.Count >= 2, $"{pages.Count} sider");
        Assert.Contains("Sammenfatning", pages[0], StringComparison.Ordinal);
        Assert.Contains("Udvikling siden", pages[0], StringComparison.Ordinal);
        var fullest = pages.Max(p => p.Length);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Opgjort pr. {asOf}", pages[i], StringComparison.Ordinal);
            Assert.Contains($"Side {i + 1} af {pages.Count}", pages[i], StringComparison.Ordinal);
            // No page is left nearly empty by a break, except the last, which holds what is left.
            Assert.True(i == pages.Count - 1 || pages[i].Length >= fullest / 4, $"side {i + 1} har {pages[i].Length} tegn, den fyldigste {fullest}");
        }
        await using var scope = factory.Services.CreateAsyncScope();
        var names = await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().Employees.Select(e => e.Name).ToListAsync();
        var text = string.Join("\n", pages);
        Assert.DoesNotContain(names, name => text.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_chromium_the_page_says_why_and_the_pdf_handler_leads_back_with_a_danish_message()
    {
        using var portal = new WithoutChromium();
        using var committee = await SignIn.AsAsync(portal, "fagudvalg");

        var page = WebUtility.HtmlDecode(await committee.GetStringAsync("/Fagudvalg"));
        var pdf = await committee.GetAsync("/Fagudvalg?handler=Pdf&quarter=2026-Q2");
        var back = WebUtility.HtmlDecode(await committee.GetStringAsync(pdf.Headers.Location!.OriginalString));

        Assert.Contains("Serveren kan ikke lave PDF, fordi Chromium ikke er installeret", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Hent mødepapiret som PDF", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, pdf.StatusCode);
        Assert.Equal("/Fagudvalg?quarter=2026-Q2&pdf=mangler", pdf.Headers.Location!.OriginalString);
        Assert.Contains("Mødepapiret kunne ikke laves som PDF", back, StringComparison.Ordinal);
    }

    private sealed class WithoutChromium : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Print:ChromiumPath", "/findes/ikke/chromium");
        }
    }

    /// <summary>The text of each page, as pdftotext reads it.</summary>
    private static List<string> Pages(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-layout", pdf, "-" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text.Split('\f').Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
    }
}
