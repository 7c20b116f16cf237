namespace LedelsesInfo.Application.Features.AccessLogs;

/// <summary>Writes who saw which case, when and on which page (GDPR: the citizen may ask who looked).</summary>
public static class AccessLog
{
    public const string Shown = "vist";
    public const string Exported = "eksporteret";
    public const string Denied = "nægtet";

    public static async Task WriteAsync(IAppDbContext db, ICurrentUser user, IClock clock, string page, string action, IEnumerable<string?> caseIds, CancellationToken ct)
    {
        await db.AppendAccessLogAsync(clock.Now, user.UserName, user.EmployeeId, page, action, caseIds.Distinct().ToList(), ct);
    }

    /// <summary>Logs a refused attempt and throws: the caller answers 403.</summary>
    public static async Task<Exception> DenyAsync(IAppDbContext db, ICurrentUser user, IClock clock, string page, string? caseId, string what, CancellationToken ct)
    {
        await WriteAsync(db, user, clock, page, Denied, [caseId], ct);
        return new AccessDeniedException($"{user.UserName} har ikke adgang til {what}.");
    }
}
