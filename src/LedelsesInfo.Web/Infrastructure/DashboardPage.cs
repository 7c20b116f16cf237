using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Caching;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Infrastructure.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>A dashboard page: every table it shows can be exported as Excel or CSV from the same query.</summary>
public abstract class DashboardPage : PageModel
{
    /// <summary>The tables of the page, computed for the request's own parameters (and so its own scope).</summary>
    protected abstract Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct);

    /// <summary>The table being exported, for the query to log as exported only the cases in it (null on a page view).</summary>
    protected string? ExportTable { get; private set; }

    public async Task<IActionResult> OnGetExportAsync(string table, string format, CancellationToken ct)
    {
        ExportTable = table ?? "";
        var data = (await TablesAsync(ct)).FirstOrDefault(t => t.Name == table);
        if (data is null)
        {
            return NotFound();
        }
        return TableFile(this, data, $"{data.Name}-{HttpContext.RequestServices.GetRequiredService<IClock>().Today:yyyyMMdd}", format) ?? BadRequest();
    }

    /// <summary>
    /// A table as an Excel or CSV download named <paramref name="name"/>, or null for a format there is none of. An export
    /// may hold case ids or free text: no browser or proxy may keep a copy of it.
    /// </summary>
    public static IActionResult? TableFile(PageModel page, TableData data, string name, string? format)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(data);
        page.Response.Headers.CacheControl = "no-store";
        return format switch
        {
            "xlsx" => page.File(TableExport.Xlsx(data), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            "csv" => page.File(TableExport.Csv(data), "text/csv; charset=utf-8", name + ".csv"),
            _ => null,
        };
    }

    /// <summary>
    /// The key under which the page's rendered dashboard may be kept (the &lt;cache&gt; tag helper): the URL and the cache
    /// keys of the answers it shows, which name the query, the asker's scope, the day and the data version. Null when an
    /// answer was not served from <see cref="QueryCache"/>; then nothing is kept. The page handler runs on every request
    /// all the same, so scoping and the access log never depend on this.
    /// </summary>
    public string? RenderKey(params object?[] answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var cache = HttpContext.RequestServices.GetRequiredService<QueryCache>();
        var keys = answers.Select(cache.KeyOf).ToList();
        return keys.Any(k => k is null) ? null : $"{Request.Path}{Request.QueryString}|{string.Join('|', keys)}";
    }

    /// <summary>The current URL with an export handler added, so an export uses the same period, unit and filters.</summary>
    public static string ExportUrl(HttpRequest request, string table, string format)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = QueryWithout(request, "handler", "table", "format")
            .Append("handler=Export").Append($"table={Uri.EscapeDataString(table)}").Append($"format={format}");
        return $"{request.Path}?{string.Join("&", query)}";
    }

    /// <summary>The request's query parameters, escaped as <c>key=value</c>, less those named (case-insensitively).</summary>
    public static IEnumerable<string> QueryWithout(HttpRequest request, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query.Where(q => !keys.Contains(q.Key, StringComparer.OrdinalIgnoreCase))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
    }
}
