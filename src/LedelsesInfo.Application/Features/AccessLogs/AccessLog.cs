namespace LedelsesInfo.Application.Features.AccessLogs;

/// <summary>Writes who saw which case, when and on which page (GDPR: the citizen may ask who looked).</summary>
public static class AccessLog
{
    public const string Shown = "vist";
    public const string Exported = "eksporteret";
    public const string Denied = "nægtet";

    /// <summary>The longest case id: anything longer is not one (a crafted URL), and is not written as one.</summary>
    public const int MaxCaseIdLength = 64;

    /// <summary>The longest page text kept (the column's length).</summary>
    private const int MaxPageLength = 400;

    /// <summary>
    /// One line per distinct case id. An id that cannot be a case id (empty, or longer than one can be) is not written as
    /// one; a refusal keeps its line all the same, without a case.
    /// </summary>
    public static async Task WriteAsync(IAppDbContext db, ICurrentUser user, IClock clock, string page, string action, IEnumerable<string?> caseIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        var ids = caseIds.Where(id => id is null || id.Length is > 0 and <= MaxCaseIdLength).Distinct().ToList();
        if (action == Denied && ids.Count == 0)
        {
            ids = [null];
        }
        await db.AppendAccessLogAsync(clock.Now, user.UserName, user.EmployeeId, page.Length > MaxPageLength ? page[..MaxPageLength] : page, action, ids, ct);
    }

    /// <summary>
    /// Logs a refused attempt with what was asked for ("Team: teamet T12", the case id when it was a case) and throws: the
    /// caller answers 403.
    /// </summary>
    public static async Task<Exception> DenyAsync(IAppDbContext db, ICurrentUser user, IClock clock, string page, string? caseId, string what, CancellationToken ct)
    {
        await WriteAsync(db, user, clock, $"{page}: {what}", Denied, [caseId], ct);
        return new AccessDeniedException($"Du har ikke adgang til {what}. {Scope(user.Audience)}");
    }

    /// <summary>
    /// One day's views that showed any of the cases, oldest first, each with those of the cases it showed, in its order:
    /// narrowed in the database by each id in quotes (<see cref="AccessLogEntry.Needle"/>), confirmed by unpacking the row.
    /// </summary>
    public static async Task<List<(AccessLogEntry View, List<string> Cases)>> ViewsShowingAsync(IAppDbContext db, DateOnly day, IReadOnlyCollection<string> caseIds, CancellationToken ct)
    {
        var needles = caseIds.Select(AccessLogEntry.Needle).ToList();
        var start = day.ToDateTime(TimeOnly.MinValue);
        var end = start.AddDays(1);
        var views = await db.AccessLog.AsNoTracking()
            .Where(l => l.At >= start && l.At < end && l.CaseIds != null && needles.Any(n => l.CaseIds.Contains(n)))
            .OrderBy(l => l.At).ThenBy(l => l.Id)
            .ToListAsync(ct);
        return views.Select(v => (View: v, Cases: v.Cases().Where(caseIds.Contains).ToList())).Where(v => v.Cases.Count > 0).ToList();
    }

    /// <summary>What a reader's role lets them see, said in the refusal so that it gives the true reason.</summary>
    private static string Scope(Audience audience) => audience switch
    {
        Audience.TeamLeader => "Som teamleder ser du dit eget teams sager og tal.",
        Audience.Caseworker => "Som sagsbehandler ser du dine egne sager.",
        Audience.Management => "Som leder ser du din egen enhed og enhederne under den.",
        Audience.Committee => "Fagudvalget ser kommunens samlede tal, aldrig enkeltsager.",
        _ => "Det ligger uden for det, din rolle giver adgang til.",
    };
}
