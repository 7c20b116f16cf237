using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Filters;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// A page printed to PDF by the server (docs/dashboards.md, "The committee's meeting paper"): the page is rendered as it
/// is for the browser, written to a private temporary folder with its style sheets and scripts pointing at the web root
/// on disk, and printed by Chromium headless (Debian's <c>chromium</c>, or <c>Print:ChromiumPath</c>) with the page's own
/// print layout: A4, no browser header or footer, the page's footer and page numbers. One print at a time; a print
/// that takes over a minute is stopped. Where no Chromium is installed, <see cref="Available"/> is false and the page
/// says so instead of offering the download.
/// </summary>
public sealed partial class PaperPdf(IWebHostEnvironment environment, IConfiguration configuration, ILogger<PaperPdf> log)
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    /// <summary>The Chromium the portal prints with, or null where none is installed.</summary>
    public string? Chromium => configuration["Print:ChromiumPath"] is { Length: > 0 } configured
        ? File.Exists(configured) ? configured : null
        : Candidates.FirstOrDefault(File.Exists);

    public bool Available => Chromium is not null;

    /// <summary>The PDF of the HTML, or null if Chromium is missing, fails or takes too long (logged).</summary>
    public async Task<byte[]?> PrintAsync(string html, CancellationToken ct)
    {
        if (Chromium is not { } chromium)
        {
            return null;
        }
        var folder = Directory.CreateTempSubdirectory("ledelsesinfo-pdf-");
        await OneAtATime.WaitAsync(ct);
        try
        {
            var page = Path.Combine(folder.FullName, "papir.html");
            var pdf = Path.Combine(folder.FullName, "papir.pdf");
            await File.WriteAllTextAsync(page, Local(html), Encoding.UTF8, ct);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--allow-file-access-from-files", "--no-pdf-header-footer", "--virtual-time-budget=5000",
                $"--user-data-dir={Path.Combine(folder.FullName, "profil")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (ct.IsCancellationRequested)
                {
                    throw;
                }
                log.LogWarning("Chromium printed no PDF within {Limit}", Limit);
                return null;
            }
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                log.LogWarning("Chromium printed no PDF (exit code {ExitCode}): {Output}", process.ExitCode, Tail(await output));
                return null;
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            OneAtATime.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile for a moment; the temporary folder is the system's to clear.
            }
        }
    }

    /// <summary>Style sheets, scripts, images and fonts of the web root read from disk, so the printed page looks as it does in the browser.</summary>
    private string Local(string html)
    {
        var root = environment.WebRootPath;
        // The page's running footer goes into the bottom margin of every page, beside the page number, where it covers no line.
        if (PrintFooter().Match(html) is { Success: true } footer)
        {
            var text = Regex.Replace(System.Net.WebUtility.HtmlDecode(Regex.Replace(footer.Groups[1].Value, "<[^>]+>", "")), @"\s+", " ").Trim()
                .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("<", "\\3C ", StringComparison.Ordinal); // an imported name can never close the style element
            html = html.Replace("</head>", $"<style>@page {{ @bottom-left {{ content: \"{text}\"; font-size: 8.5pt; font-family: 'IBM Plex Sans', sans-serif; }} }} .print-footer {{ display: none !important; }}</style></head>", StringComparison.Ordinal);
        }
        return StaticAsset().Replace(html, m =>
        {
            var path = Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(m.Groups["path"].Value)));
            return path.StartsWith(root, StringComparison.Ordinal) && File.Exists(path)
                ? $"{m.Groups["attr"].Value}=\"{new Uri(path).AbsoluteUri}\""
                : m.Value;
        });
    }

    [GeneratedRegex("(?s)<div class=\"print-footer\"[^>]*>(.*?)</div>")]
    private static partial Regex PrintFooter();

    private static string Tail(string text) => text.Length > 500 ? text[^500..] : text;

    [GeneratedRegex("(?<attr>href|src)=\"/(?<path>[^\"?#/][^\"?#]*)(?:\\?[^\"]*)?\"")]
    private static partial Regex StaticAsset();
}

/// <summary>
/// Sends a page as PDF instead of HTML (<see cref="PaperPdf"/>): a handler asks for it with <see cref="Request"/> and
/// returns the page as usual; this filter lets the page render into a buffer, so the paper is the same HTML the browser
/// gets, and sends Chromium's PDF of it. Where the print fails, the reader is sent back to the page with a Danish message.
/// </summary>
public sealed class PdfResultFilter : IAsyncResultFilter
{
    private static readonly object Key = new();

    private sealed record Wanted(string FileName, string BackUrl);

    /// <summary>This request's page is to be sent as a PDF with this name; on failure the reader is sent to <paramref name="backUrl"/>.</summary>
    public static void Request(HttpContext http, string fileName, string backUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[Key] = new Wanted(fileName, backUrl);
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.Items[Key] is not Wanted wanted || context.Result is not Microsoft.AspNetCore.Mvc.RazorPages.PageResult)
        {
            await next();
            return;
        }
        var body = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            http.Response.Body = body;
        }
        var pdf = await http.RequestServices.GetRequiredService<PaperPdf>().PrintAsync(Encoding.UTF8.GetString(buffer.ToArray()), http.RequestAborted);
        http.Response.Headers.ContentLength = null;
        http.Response.Headers.CacheControl = "no-store";
        if (pdf is null)
        {
            http.Response.StatusCode = StatusCodes.Status302Found;
            http.Response.ContentType = null;
            http.Response.Headers.Location = wanted.BackUrl;
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/pdf";
        http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = wanted.FileName }.ToString();
        http.Response.ContentLength = pdf.Length;
        await http.Response.Body.WriteAsync(pdf, http.RequestAborted);
    }
}
