using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LedelsesInfo.Bench;

/// <summary>
/// The import-under-load window (issue 20): the realistic mix runs back to back while a month's payments arrive in the
/// drop folder and are imported and recomputed by the web app itself. Every request is timed with when it started, so
/// the requests during the window (from the file landing to the set reported done) are told from those around it.
/// </summary>
public static class ImportUnderLoad
{
    public sealed record Timed(double At, int Audience, double Ms, bool Ok);

    public static async Task<string> RunAsync(string database, string monthFile, int clients, TextWriter log, bool quick = false)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, "drop-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var web = RunBenchmark.Built("src", "LedelsesInfo.Web", "LedelsesInfo.Web.dll");
        var (server, baseUrl) = await RunBenchmark.StartWebAsync(web, $"Data Source={Path.GetFullPath(database)}", new Dictionary<string, string>
        {
            ["Import__DropFolder"] = folder, ["Import__DropPollSeconds"] = "1", ["Import__DropSettleSeconds"] = "1",
        });
        using var running = server;
        try
        {
            using var anonymous = new HttpClient();
            var signInPage = await anonymous.GetStringAsync($"{baseUrl}/Konto/LogInd");
            var readers = await RealisticMix.ReadersAsync(baseUrl, (audience, person) => RunBenchmark.SignInAsync(baseUrl, audience, person), audience => RunBenchmark.Options(signInPage, audience), 100);
            var around = quick ? 2 : 10;
            log.WriteLine($"[import under load] warm-up: {(quick ? 1 : 30)} s of the realistic mix …");
            await RealisticMix.LoadAsync("warm-up", baseUrl, readers, [], clients, quick ? 1 : 30);

            var results = new List<Timed>();
            var clock = Stopwatch.StartNew();
            var stop = false;
            var load = Enumerable.Range(0, clients).Select(async c =>
            {
                var random = new Random(5000 + c);
                while (!Volatile.Read(ref stop))
                {
                    var a = RealisticMix.Pick(random);
                    var reader = readers[a][random.Next(readers[a].Count)];
                    var at = clock.Elapsed.TotalSeconds;
                    var (ms, ok) = await RealisticMix.TimedGetAsync(reader.Client, baseUrl + reader.Paths[random.Next(reader.Paths.Count)]);
                    lock (results)
                    {
                        results.Add(new Timed(at, a, ms, ok));
                    }
                }
            }).ToList();

            await Task.Delay(TimeSpan.FromSeconds(around));
            var landed = clock.Elapsed.TotalSeconds;
            File.Copy(monthFile, Path.Combine(folder, Path.GetFileName(monthFile)));
            log.WriteLine($"[import under load] {Path.GetFileName(monthFile)} in the drop folder at {landed:F1} s …");
            double? done = null;
            while (clock.Elapsed.TotalMinutes < 5)
            {
                // The watcher moves the set to done/ or failed/ when the import and its recompute are over.
                if (Directory.Exists(Path.Combine(folder, "done")) || Directory.Exists(Path.Combine(folder, "failed")))
                {
                    done = clock.Elapsed.TotalSeconds;
                    break;
                }
                await Task.Delay(100);
            }
            var outcome = string.Join(", ", Directory.EnumerateDirectories(folder).Select(Path.GetFileName));
            await Task.Delay(TimeSpan.FromSeconds(around));
            Volatile.Write(ref stop, true);
            await Task.WhenAll(load);
            var loadAverage = File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

            var end = done ?? clock.Elapsed.TotalSeconds;
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"The drop folder's import and recompute of {Path.GetFileName(monthFile)} under the realistic mix ({clients} clients back to back): the window is {end - landed:F1} s from the file landing to the set done ({outcome}; the watcher waits 1 s for the file to settle). Load average after: {loadAverage}.");
            text.AppendLine().AppendLine("| requests | audience | count | errors | p50 ms | p95 ms | p99 ms | max ms | over 1 s |").AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, inWindow) in new[] { ("before and after the window", false), ("during the window", true) })
            {
                var part = results.Where(r => (r.At >= landed && r.At <= end) == inWindow).ToList();
                foreach (var (audience, a) in RealisticMix.Audiences.Select((x, i) => (x.Name, i)).Append(("all", -1)))
                {
                    var mine = part.Where(r => a < 0 || r.Audience == a).ToList();
                    var sorted = mine.Select(r => r.Ms).Order().ToList();
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| {name} | {audience} | {mine.Count:N0} | {mine.Count(r => !r.Ok)} | {RealisticMix.Pct(sorted, 0.5):N1} | {RealisticMix.Pct(sorted, 0.95):N1} | {RealisticMix.Pct(sorted, 0.99):N1} | {(sorted.Count == 0 ? 0 : sorted[^1]):N0} | {sorted.Count(x => x > 1000)} |");
                }
            }
            foreach (var client in readers.SelectMany(r => r).Select(r => r.Client))
            {
                client.Dispose();
            }
            return text.ToString();
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
