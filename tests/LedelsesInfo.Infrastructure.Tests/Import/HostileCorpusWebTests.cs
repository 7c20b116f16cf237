using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Import;

/// <summary>
/// The hostile corpus through the browser's import, on the built portal running as its own process (so its peak memory is
/// its own): each file uploaded as a multipart form with the antiforgery token, previewed, and confirmed. Each is refused or
/// has every row rejected, with a Danish reason; confirming writes nothing; no batch is left running; the portal grows by
/// less than 150 MB while it reads them (measured 107 MB over its 187 MB once started, on 2 December 2026).
/// </summary>
public sealed partial class HostileCorpusWebTests : IDisposable
{
    /// <summary>How much the portal may grow while it reads the whole corpus.</summary>
    private const int GrowthLimitMb = 150;

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Every_hostile_file_is_refused_or_rejected_in_danish_through_the_web_import_and_changes_nothing()
    {
        var basics = Directory.CreateDirectory(Path.Combine(_db.Folder, "basics")).FullName;
        Files.Basics(basics);
        Files.Csv(basics, "employees_admin.csv", "employee_id;name;unit_id;role;login\nM5;Ada Admin;K;administrator;ada@test.dk\n");
        var (exit, output) = await CliProcess.RunAsync(null, "import", basics, $"--ConnectionStrings:Default={_db.ConnectionString}");
        Assert.True(exit == 0, output);
        var before = await HostileCorpusTests.SnapshotAsync(_db.ConnectionString);
        var corpus = HostileCorpus.WriteTo(Directory.CreateDirectory(Path.Combine(_db.Folder, "corpus")).FullName);

        using var portal = await PortalProcess.StartAsync(_db.ConnectionString, _db.Folder);
        using var client = await portal.SignInAsync("M5");
        portal.ResetPeakMemory();
        var resident = portal.ResidentMemoryMb();

        var failures = new List<string>();
        foreach (var file in corpus)
        {
            var name = Path.GetFileName(file);
            var form = await client.GetStringAsync("/Admin/Indlaes");
            using var content = new MultipartFormDataContent { { new StringContent(Token(form)), "__RequestVerificationToken" } };
            var stream = new StreamContent(File.OpenRead(file));
            stream.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(stream, "filer", name);
            var posted = await client.PostAsync("/Admin/Indlaes", content);
            var location = posted.Headers.Location?.OriginalString ?? "";
            if (!location.StartsWith("/Admin/Indlaesning?id=", StringComparison.Ordinal))
            {
                failures.Add($"{name}: upload gav {(int)posted.StatusCode} {location}");
                continue;
            }
            var page = await PreviewedAsync(client, location);
            var text = WebUtility.HtmlDecode(page);
            var refused = text.Contains("Afvist: ", StringComparison.Ordinal);
            var noneValid = Regex.IsMatch(text, @"\b0 rækker er gyldige, [1-9][\d.]* er ugyldig");
            if (!(refused || noneValid) || !HostileCorpus.DanishWords.Any(w => text.Contains(w, StringComparison.Ordinal)) || text.Contains("Exception", StringComparison.Ordinal))
            {
                failures.Add($"{name}: {Regex.Match(text, "Forhåndsvisning(.{0,400})", RegexOptions.Singleline).Groups[1].Value}");
                continue;
            }
            var confirm = await client.PostAsync($"{location}&handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(page),
                ["strict"] = "false",
            }));
            var after = WebUtility.HtmlDecode(await client.GetStringAsync(confirm.Headers.Location!.OriginalString));
            if (!after.Contains("Der er intet at indlæse", StringComparison.Ordinal))
            {
                failures.Add($"{name}: bekræftelsen blev ikke afvist");
            }
        }
        var peak = portal.PeakMemoryMb();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // What the corpus may cost is the growth over the portal's own size once started and signed in (which grows with the
        // portal's pages and features, not with what a file holds): the same budget as one CLI import of a hostile file.
        Assert.True(peak - resident < GrowthLimitMb,
            $"portalens hukommelse voksede {peak - resident} MB under korpusset (fra {resident} MB til {peak} MB)");
        Assert.Equal(before, await HostileCorpusTests.SnapshotAsync(_db.ConnectionString));
        await using var db = _db.NewContext();
        Assert.False(await db.ImportBatches.AnyAsync(b => b.Status == ImportStatus.Running));
    }

    private static async Task<string> PreviewedAsync(HttpClient client, string location)
    {
        for (var i = 0; i < 1200; i++)
        {
            var page = await client.GetStringAsync(location);
            if (page.Contains("Indlæs eller annullér", StringComparison.Ordinal) || page.Contains("data-state=\"Failed\"", StringComparison.Ordinal))
            {
                return page;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException(location);
    }

    private static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>The built portal (src/LedelsesInfo.Web) as its own process on a free port, in Development with its sign-in.</summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;

    private PortalProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<PortalProcess> StartAsync(string connectionString, string folder)
    {
        var cli = CliProcess.CliDll();
        var bin = Path.GetDirectoryName(cli)!.Replace(Path.Combine("LedelsesInfo.Cli", "bin"), Path.Combine("LedelsesInfo.Web", "bin"), StringComparison.Ordinal);
        var web = Path.Combine(bin, "LedelsesInfo.Web.dll");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = bin };
        start.ArgumentList.Add(web);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Database__DataFolder"] = folder;
        start.Environment["Demo__SeedOnEmptyDatabase"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var portal = new PortalProcess(process, $"http://127.0.0.1:{port}");
        using var probe = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await probe.GetAsync($"{portal.BaseUrl}/health/ready")).IsSuccessStatusCode)
                {
                    return portal;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        portal.Dispose();
        throw new TimeoutException("portalen startede ikke");
    }

    /// <summary>A client signed in through the development sign-in as the employee, cookies kept, redirects not followed.</summary>
    public async Task<HttpClient> SignInAsync(string employeeId)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };
        var page = await client.GetStringAsync("/Konto/LogInd");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/Konto/LogInd", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["EmployeeId"] = employeeId,
            ["ReturnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The process's resident memory now, in MB (VmRSS).</summary>
    public long ResidentMemoryMb()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Starts the peak-memory count afresh (Linux: "5" to clear_refs resets the high-water mark to what is resident now).</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    /// <summary>The process's peak resident memory since the last reset, in MB (VmHWM).</summary>
    public long PeakMemoryMb()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
