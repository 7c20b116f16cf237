using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// The import from the browser through real HTTP: multipart forms with the antiforgery token, the preview read back from the
/// page, nothing written before confirm, the background import followed on its status until done.
/// </summary>
public sealed partial class ImportHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string GoalsHeader = "kpi_code;unit_id;year;target\n";

    [Fact]
    public async Task A_preview_writes_nothing_and_confirm_imports_the_valid_rows_in_the_background_into_the_history()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var goals = await CountAsync(db => db.Goals.CountAsync(g => g.Year == 2031));
        var runs = await CountAsync(db => db.ImportRuns.CountAsync());

        var upload = await UploadAsync(admin, ("goals_2031.csv", GoalsHeader + "P1;K;2031;91\nB1;K;2031;88\nP1;UKENDT;2031;90\n"));
        var preview = await PreviewedAsync(admin, upload);

        Assert.Contains("Kontrollér filerne, før de indlæses", preview, StringComparison.Ordinal);
        Assert.Contains("CSV, UTF-8, semikolon", preview, StringComparison.Ordinal);
        Assert.Contains("ukendt enhed: id'et findes ikke i portalen", Decode(preview), StringComparison.Ordinal);
        Assert.Contains("Indlæs de 2 gyldige rækker", preview, StringComparison.Ordinal);
        Assert.Equal(goals, await CountAsync(db => db.Goals.CountAsync(g => g.Year == 2031)));
        Assert.Equal(runs, await CountAsync(db => db.ImportRuns.CountAsync()));

        var errors = await admin.GetAsync($"{upload}&handler=Errors");
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        var csv = await errors.Content.ReadAsStringAsync();
        Assert.Contains("goals_2031.csv;4;unit_id;UKENDT;", csv, StringComparison.Ordinal);

        var confirmed = await PostAsync(admin, upload, preview, "Confirm", ("strict", "false"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var done = await FinishedAsync(admin, upload);

        Assert.Contains("2 rækker er indlæst, og de nye nøgletal er klar.", done, StringComparison.Ordinal);
        Assert.Equal(goals + 2, await CountAsync(db => db.Goals.CountAsync(g => g.Year == 2031)));
        var history = Decode(await admin.GetStringAsync("/Admin/Importkoersler"));
        var run = Regex.Match(history, @"Kørsel (\d+): [^<]*browser[^<]*");
        Assert.True(run.Success, "kørslen står ikke i importhistorikken som indlæst fra browseren");
        Assert.Contains("2 rækker indlæst, 1 afvist", history, StringComparison.Ordinal);
        Assert.Contains("genberegning af nøgletal", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strict_confirm_of_a_file_with_one_bad_row_writes_nothing_and_says_why()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var before = await CountAsync(db => db.Goals.CountAsync(g => g.Year == 2032));

        var upload = await UploadAsync(admin, ("goals.csv", GoalsHeader + "P1;K;2032;91\nB1;K;2032;ikke-et-tal\n"));
        var preview = await PreviewedAsync(admin, upload);
        var refused = await PostAsync(admin, upload, preview, "Confirm", ("strict", "true"));
        var page = Decode(await admin.GetStringAsync(refused.Headers.Location!.OriginalString));

        Assert.Contains("Streng indlæsning: intet er indlæst, fordi 1 række er ugyldig", page, StringComparison.Ordinal);
        Assert.Contains("Kontrollér filerne, før de indlæses", page, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(db => db.Goals.CountAsync(g => g.Year == 2032)));
    }

    [Fact]
    public async Task A_cancelled_preview_leaves_nothing_behind()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var upload = await UploadAsync(admin, ("goals.csv", GoalsHeader + "P1;K;2033;91\n"));
        var preview = await PreviewedAsync(admin, upload);
        var staged = Staged();

        var cancelled = await PostAsync(admin, upload, preview, "Cancel");

        Assert.Equal("/Admin/Indlaes", cancelled.Headers.Location!.OriginalString);
        Assert.Contains("Indlæsningen er annulleret", Decode(await admin.GetStringAsync("/Admin/Indlaes")), StringComparison.Ordinal);
        Assert.Equal(staged - 1, Staged());
        Assert.Equal(0, await CountAsync(db => db.Goals.CountAsync(g => g.Year == 2033)));
        var again = await PostAsync(admin, upload, preview, "Confirm", ("strict", "false"));
        Assert.Contains("kan ikke indlæses nu: annulleret", Decode(await admin.GetStringAsync(again.Headers.Location!.OriginalString)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_is_unpacked_parents_first_and_what_is_not_csv_or_xlsx_in_it_is_named_and_skipped()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "udtraek/goals.csv", GoalsHeader + "P1;NY;2034;91\n");
            Add(archive, "udtraek/organisation.csv", "unit_id;parent_id;name;level\nNY;K;Ny afdeling;afdeling\n");
            Add(archive, "udtraek/LæsMig.txt", "hej");
        }
        var upload = await UploadAsync(admin, ("udtraek.zip", zip.ToArray()));
        var preview = Decode(await PreviewedAsync(admin, upload));

        // The goal names a unit that exists only in the organisation file of the same upload: valid, because it is read first.
        Assert.Matches("organisation.csv.*goals.csv", Regex.Replace(preview, @"\s+", " "));
        Assert.Contains("Indlæs de 2 gyldige rækker", preview, StringComparison.Ordinal);
        Assert.Contains("er sprunget over: LæsMig.txt", preview, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payments.xlsx", "dette er ikke et regneark", "payments.xlsx", "filen kan ikke læses som et Excel-regneark")]
    [InlineData("rapport.pdf", "%PDF-1.4", null, "er hverken en CSV-, XLSX- eller zip-fil")]
    [InlineData("noget.csv", "a;b\n1;2\n", "noget.csv", "filnavnet svarer ikke til en kendt fil")]
    [InlineData("arkiv.zip", "PK ikke en zip", null, "er ikke en gyldig zip-fil")]
    public async Task A_file_that_is_not_what_its_name_says_is_refused_in_danish_without_harm(string name, string content, string? previewed, string reason)
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var runs = await CountAsync(db => db.ImportBatches.CountAsync());
        var form = await admin.GetStringAsync("/Admin/Indlaes");
        var response = await admin.PostAsync("/Admin/Indlaes", Multipart(form, (name, Encoding.UTF8.GetBytes(content))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        if (previewed is null)
        {
            Assert.Equal("/Admin/Indlaes", location);
            Assert.Contains(reason, Decode(await admin.GetStringAsync(location)), StringComparison.Ordinal);
        }
        else
        {
            var preview = Decode(await PreviewedAsync(admin, location));
            Assert.Contains(reason, preview, StringComparison.Ordinal);
            var confirm = await PostAsync(admin, location, preview, "Confirm", ("strict", "false"));
            Assert.Contains("Der er intet at indlæse", Decode(await admin.GetStringAsync(confirm.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        }
        Assert.Equal(runs, await CountAsync(db => db.ImportBatches.CountAsync()));
    }

    [Fact]
    public async Task More_files_than_allowed_are_refused_with_the_limit()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var form = await admin.GetStringAsync("/Admin/Indlaes");
        var files = Enumerable.Range(1, 21).Select(i => ($"goals_{i}.csv", Encoding.UTF8.GetBytes(GoalsHeader))).ToArray();
        var response = await admin.PostAsync("/Admin/Indlaes", Multipart(form, files));

        Assert.Equal("/Admin/Indlaes", response.Headers.Location!.OriginalString);
        Assert.Contains("Der kan højst indlæses 20 filer ad gangen.", Decode(await admin.GetStringAsync("/Admin/Indlaes")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sagsbehandler")]
    [InlineData("teamleder")]
    [InlineData("forvaltningsledelse")]
    public async Task Only_administrators_may_open_or_post_the_import(string audience)
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var form = await admin.GetStringAsync("/Admin/Indlaes");
        using var other = await SignIn.AsAsync(factory, audience);
        var ownToken = SignIn.FormToken(await other.GetStringAsync("/"));

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/Admin/Indlaes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/Admin/Importfiler?handler=Template&kind=cases&format=csv")).StatusCode);
        using var content = Multipart(form, ("goals.csv", Encoding.UTF8.GetBytes(GoalsHeader + "P1;K;2035;91\n")));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync("/Admin/Indlaes", content)).StatusCode);
        Assert.False(string.IsNullOrEmpty(ownToken) && false);
    }

    [Fact]
    public async Task Every_template_has_the_columns_the_importer_asks_for_and_its_example_row_reads()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var guide = Decode(await admin.GetStringAsync("/Admin/Importfiler"));
        Assert.Contains("Et pseudonymt barn-id; aldrig et CPR-nummer", guide, StringComparison.Ordinal);

        var csv = await admin.GetAsync("/Admin/Importfiler?handler=Template&kind=cases&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on\r\n", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Importfiler?handler=Template&kind=ukendt&format=csv")).StatusCode);

        // Each XLSX template, uploaded as it is, is read as its kind with no missing column; only references may fail.
        var form = await admin.GetStringAsync("/Admin/Indlaes");
        var kinds = Regex.Matches(guide, "id=\"fil-([a-z_]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(12, kinds.Count);
        var templates = new List<(string, byte[])>();
        foreach (var kind in kinds)
        {
            templates.Add(($"{kind}.xlsx", await admin.GetByteArrayAsync($"/Admin/Importfiler?handler=Template&kind={kind}&format=xlsx")));
        }
        var response = await admin.PostAsync("/Admin/Indlaes", Multipart(form, [.. templates]));
        var preview = Decode(await PreviewedAsync(admin, response.Headers.Location!.OriginalString));
        Assert.DoesNotContain("Afvist:", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("mangler", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("er ikke en gyldig", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("er ikke en dato", preview, StringComparison.Ordinal);
    }

    /// <summary>The uploads staged so far (each in its own folder).</summary>
    private int Staged()
    {
        var staging = Path.Combine(factory.DataFolder, "import-staging");
        return Directory.Exists(staging) ? Directory.EnumerateDirectories(staging).Count() : 0;
    }

    private static void Add(ZipArchive archive, string name, string content)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private async Task<int> CountAsync(Func<LedelsesInfoDbContext, Task<int>> count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>());
    }

    private static async Task<string> UploadAsync(HttpClient client, params (string Name, string Content)[] files)
    {
        var form = await client.GetStringAsync("/Admin/Indlaes");
        var response = await client.PostAsync("/Admin/Indlaes", Multipart(form, files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Content))).ToArray()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Admin/Indlaesning?id=", location, StringComparison.Ordinal);
        return location;
    }

    private static async Task<string> UploadAsync(HttpClient client, (string Name, byte[] Content) file)
    {
        var form = await client.GetStringAsync("/Admin/Indlaes");
        var response = await client.PostAsync("/Admin/Indlaes", Multipart(form, file));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static MultipartFormDataContent Multipart(string formPage, params (string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(SignIn.FormToken(formPage)), "__RequestVerificationToken" },
        };
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "filer", name);
        }
        return content;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string upload, string page, string handler, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string> { ["__RequestVerificationToken"] = SignIn.FormToken(page) };
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        return await client.PostAsync($"{upload}&handler={handler}", new FormUrlEncodedContent(values));
    }

    /// <summary>Follows the status until the preview is ready, as the page's script does.</summary>
    private static Task<string> PreviewedAsync(HttpClient client, string upload) => WaitAsync(client, upload, "data-state=\"Previewed\"", "Indlæs eller annullér");

    private static Task<string> FinishedAsync(HttpClient client, string upload) => WaitAsync(client, upload, "data-state=\"Done\"", "Se kørslen i importhistorikken");

    private static async Task<string> WaitAsync(HttpClient client, string upload, string statusMark, string pageMark)
    {
        for (var i = 0; i < 600; i++)
        {
            var page = await client.GetStringAsync(upload);
            if (page.Contains(pageMark, StringComparison.Ordinal))
            {
                return page;
            }
            var status = await client.GetStringAsync($"{upload}&handler=Status");
            Assert.Contains("data-state=", status, StringComparison.Ordinal);
            if (status.Contains("data-state=\"Failed\"", StringComparison.Ordinal) || status.Contains("data-state=\"Cancelled\"", StringComparison.Ordinal))
            {
                Assert.Fail("indlæsningen stoppede: " + Decode(page));
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{upload} nåede ikke {statusMark}");
    }

    private static string Decode(string html) => System.Net.WebUtility.HtmlDecode(html);
}
