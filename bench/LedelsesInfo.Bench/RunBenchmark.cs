using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LedelsesInfo.Infrastructure.DemoData;

namespace LedelsesInfo.Bench;

public sealed record StepResult(string Profile, string Step, long Rows, double Seconds, long? PeakMb);

/// <summary>A page's latencies under load, and its first request after start (nothing cached: computed from the database).</summary>
public sealed record PageResult(string Profile, string Page, int Requests, int Errors, double P50, double P95, double P99, double FirstMs);

public sealed record LoadResult(string Profile, int Clients, int People, double Seconds, int Requests, int Errors, IReadOnlyList<PageResult> Pages)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>
/// The benchmark of issue 7, step by step: generate a profile, import it with the CLI, recompute, then serve it on Kestrel
/// and load the four dashboards from concurrent signed-in clients. Each step runs the built CLI or web app as its own process.
/// </summary>
public static partial class RunBenchmark
{
    public static async Task<(List<StepResult> Steps, List<LoadResult> Loads)> RunAsync(bool quick, TextWriter log)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var root = RepoRoot();
        var cli = Path.Combine(root, "src", "LedelsesInfo.Cli", "bin", configuration, "net10.0", "ledelsesinfo.dll");
        var web = Path.Combine(root, "src", "LedelsesInfo.Web", "bin", configuration, "net10.0", "LedelsesInfo.Web.dll");
        var profiles = quick ? [DemoProfile.Demo] : new[] { DemoProfile.Demo, DemoProfile.Large, DemoProfile.Large4X };
        var steps = new List<StepResult>();
        var loads = new List<LoadResult>();
        var to = new DateOnly(2026, 10, 31);
        foreach (var profile in profiles)
        {
            var folder = Directory.CreateTempSubdirectory($"ledelsesinfo-bench-{profile.Name}-").FullName;
            try
            {
                var files = Path.Combine(folder, "files");
                var watch = Stopwatch.StartNew();
                var summary = new DemoGenerator(profile, 1, to).WriteTo(files);
                var rows = summary.RowsPerFile.Values.Sum();
                steps.Add(new StepResult(profile.Name, "generate", rows, watch.Elapsed.TotalSeconds, null));
                var connection = $"Data Source={Path.Combine(folder, "bench.db")}";
                steps.Add(await CliStepAsync(log, cli, profile.Name, "import", rows, ["import", files, "--no-recompute", $"--ConnectionStrings:Default={connection}"]));
                steps.Add(await CliStepAsync(log, cli, profile.Name, "full recompute", rows, ["recompute", $"--ConnectionStrings:Default={connection}"]));

                // One more month: the next month's payments arrive and the key figures are recomputed as of its end.
                var next = Path.Combine(folder, "next");
                Directory.CreateDirectory(next);
                var extra = NextMonthPayments(Path.Combine(files, "payments.csv"), Path.Combine(next, "payments_next.csv"), to);
                steps.Add(await CliStepAsync(log, cli, profile.Name, "import of one more month, then recompute", extra, ["import", next, $"--ConnectionStrings:Default={connection}"]));

                loads.Add(await LoadAsync(log, web, profile.Name, connection, clients: quick ? 4 : 32, seconds: quick ? 3 : 20));
            }
            finally
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Left in the temp folder.
                }
            }
        }
        return (steps, loads);
    }

    /// <summary>The load step alone, on a database already imported and recomputed (for trying a change quickly).</summary>
    public static async Task<LoadResult> LoadOnlyAsync(string database, int clients, int seconds, TextWriter log)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var web = Path.Combine(RepoRoot(), "src", "LedelsesInfo.Web", "bin", configuration, "net10.0", "LedelsesInfo.Web.dll");
        return await LoadAsync(log, web, Path.GetFileNameWithoutExtension(database), $"Data Source={Path.GetFullPath(database)}", clients, seconds);
    }

    public static string Markdown(List<StepResult> steps, List<LoadResult> loads)
    {
        var text = new StringBuilder();
        text.AppendLine("| profile | step | rows | seconds | peak memory (MB) |").AppendLine("|---|---|---:|---:|---:|");
        foreach (var s in steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Profile} | {s.Step} | {s.Rows:N0} | {s.Seconds:N1} | {(s.PeakMb is { } m ? m.ToString(CultureInfo.InvariantCulture) : "")} |");
        }
        text.AppendLine().AppendLine("| profile | page | clients | signed-in people | requests | errors | p50 ms | p95 ms | p99 ms | first request ms |").AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in loads)
        {
            foreach (var p in l.Pages)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | {p.Page} | {l.Clients} | {l.People} | {p.Requests:N0} | {p.Errors} | {p.P50:N1} | {p.P95:N1} | {p.P99:N1} | {p.FirstMs:N1} |");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | all pages | {l.Clients} | {l.People} | {l.Requests:N0} | {l.Errors} | throughput {l.Throughput:N0} pages/s | | | |");
        }
        return text.ToString();
    }

    private static async Task<StepResult> CliStepAsync(TextWriter log, string cli, string profile, string step, long rows, string[] args)
    {
        log.WriteLine($"[{profile}] {step} …");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["LEDELSESINFO_PROFILE"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{step} fejlede ({process.ExitCode}): {output}{await process.StandardError.ReadToEndAsync()}");
        }
        var peak = PeakMemory().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (long?)null;
        return new StepResult(profile, step, rows, seconds, peak);
    }

    /// <summary>Copies the last month's payments one month on, with new ids: what a nightly import of the next month brings.</summary>
    private static long NextMonthPayments(string source, string target, DateOnly to)
    {
        var month = to.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var nextMonth = to.AddDays(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var writer = new StreamWriter(target, false, new UTF8Encoding(true));
        var lines = File.ReadLines(source).ToList();
        writer.WriteLine(lines[0]);
        var rows = 0L;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(';');
            if (f[4].StartsWith(month, StringComparison.Ordinal))
            {
                f[0] = "N" + f[0];
                f[4] = nextMonth + f[4][7..];
                if (DateOnly.TryParseExact(f[4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    writer.WriteLine(string.Join(';', f));
                    rows++;
                }
            }
        }
        return rows;
    }

    private static async Task<LoadResult> LoadAsync(TextWriter log, string web, string profile, string connection, int clients, int seconds)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(web);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.WorkingDirectory = Path.GetDirectoryName(web)!;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = connection;
        start.Environment["Demo__SeedOnEmptyDatabase"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DataProtection__KeyFolder"] = Path.Combine(Path.GetDirectoryName(connection["Data Source=".Length..])!, "keys");
        using var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        _ = server.StandardError.ReadToEndAsync();
        var baseUrl = $"http://127.0.0.1:{port}";
        try
        {
            using (var probe = new HttpClient())
            {
                for (var i = 0; i < 120; i++)
                {
                    try
                    {
                        if ((await probe.GetAsync($"{baseUrl}/health/ready")).IsSuccessStatusCode)
                        {
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Not listening yet.
                    }
                    await Task.Delay(500);
                }
            }
            log.WriteLine($"[{profile}] load: {clients} clients for {seconds} s …");
            // Each client is its own person in each audience (as many as the sign-in page offers): a team leader sees
            // their own team, a caseworker their own cases, so the cache is shared only where the answers are.
            (string Name, string Audience)[] pages =
            [
                ("committee quarter", "fagudvalg"),
                ("management month, department drilled", "forvaltningsledelse"),
                ("team leader's week", "teamleder"),
                ("caseworker's cases", "sagsbehandler"),
            ];
            using var anonymous = new HttpClient();
            var signInPage = await anonymous.GetStringAsync($"{baseUrl}/Konto/LogInd");
            var people = new List<(HttpClient Client, string Path)>[pages.Length];
            for (var p = 0; p < pages.Length; p++)
            {
                people[p] = [];
                var count = Math.Min(clients, Options(signInPage, pages[p].Audience).Count);
                for (var person = 0; person < count; person++)
                {
                    var client = await SignInAsync(baseUrl, pages[p].Audience, person);
                    var path = pages[p].Audience switch
                    {
                        "fagudvalg" => "/Fagudvalg",
                        "teamleder" => "/Team",
                        "sagsbehandler" => "/Mine",
                        _ => $"/Ledelse?unit={AreaLink().Match(await client.GetStringAsync($"{baseUrl}/Ledelse")).Groups[1].Value}",
                    };
                    people[p].Add((client, path));
                }
            }
            (HttpClient Client, string Path) Session(int c, int p) => people[p][c % people[p].Count];
            // The first request of each page after start: nothing cached, computed from the database.
            var firstMs = new double[pages.Length];
            for (var p = 0; p < pages.Length; p++)
            {
                var watch = Stopwatch.StartNew();
                await Session(0, p).Client.GetStringAsync(baseUrl + Session(0, p).Path);
                firstMs[p] = watch.Elapsed.TotalMilliseconds;
            }
            var latencies = pages.Select(_ => new List<double>()).ToArray();
            var errors = new int[pages.Length];
            var stop = Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, clients).Select(async c =>
            {
                var i = c;
                while (stop.Elapsed.TotalSeconds < seconds)
                {
                    var p = i++ % pages.Length;
                    var (client, path) = Session(c, p);
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        using var response = await client.GetAsync(baseUrl + path);
                        await response.Content.ReadAsByteArrayAsync();
                        lock (latencies[p])
                        {
                            latencies[p].Add(watch.Elapsed.TotalMilliseconds);
                            if (response.StatusCode != HttpStatusCode.OK)
                            {
                                errors[p]++;
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        lock (latencies[p])
                        {
                            errors[p]++;
                        }
                    }
                }
            }).ToList();
            await Task.WhenAll(tasks);
            var elapsed = stop.Elapsed.TotalSeconds;
            var results = pages.Select((page, p) =>
            {
                var sorted = latencies[p].Order().ToList();
                double Pct(double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
                return new PageResult(profile, page.Name, sorted.Count, errors[p], Pct(0.50), Pct(0.95), Pct(0.99), firstMs[p]);
            }).ToList();
            foreach (var (client, _) in people.SelectMany(p => p))
            {
                client.Dispose();
            }
            return new LoadResult(profile, clients, people.Sum(p => p.Count), elapsed, results.Sum(r => r.Requests), results.Sum(r => r.Errors), results);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The people the development sign-in offers for an audience.</summary>
    private static List<string> Options(string signInPage, string audience)
    {
        var select = Regex.Match(signInPage, $"<select[^>]*id=\"bruger-{audience}\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        return Option().Matches(select).Select(m => m.Groups[1].Value).ToList();
    }

    private static async Task<HttpClient> SignInAsync(string baseUrl, string audience, int person)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 64 });
        var page = await client.GetStringAsync($"{baseUrl}/Konto/LogInd");
        var token = Token().Match(page).Groups[1].Value;
        var employee = Options(page, audience)[person];
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["EmployeeId"] = employee, ["__RequestVerificationToken"] = token });
        var response = await client.PostAsync($"{baseUrl}/Konto/LogInd", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Kunne ikke logge ind som {audience}: {response.StatusCode}");
        }
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LedelsesInfo.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("LedelsesInfo.sln findes ikke over benchmarkens mappe.");
    }

    [GeneratedRegex(@"peak_memory_mb=(\d+)")]
    private static partial Regex PeakMemory();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<option value=\"([^\"]+)\"")]
    private static partial Regex Option();

    [GeneratedRegex(@"href=""\?unit=([^&""]+)&")]
    private static partial Regex AreaLink();
}
