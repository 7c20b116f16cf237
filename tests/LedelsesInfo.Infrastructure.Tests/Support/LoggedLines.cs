using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>One case a view showed, or a view that showed none: what the access log stands for, a line a case.</summary>
public sealed record LoggedLine(long View, DateTime At, string UserName, string? EmployeeId, string? CaseId, string Page, string Action);

/// <summary>The access log's views unpacked into their lines, in the order written, for tests that ask "was this case logged".</summary>
public static class LoggedLines
{
    public static async Task<List<LoggedLine>> LinesAsync(this IQueryable<AccessLogEntry> views) =>
        (await views.AsNoTracking().OrderBy(v => v.Id).ToListAsync()).Lines();

    public static List<LoggedLine> Lines(this IEnumerable<AccessLogEntry> views) =>
        views.SelectMany(v => v.Cases() is { Count: > 0 } cases ? cases.Select(c => (string?)c) : [null],
            (v, c) => new LoggedLine(v.Id, v.At, v.UserName, v.EmployeeId, c, v.Page, v.Action)).ToList();
}
