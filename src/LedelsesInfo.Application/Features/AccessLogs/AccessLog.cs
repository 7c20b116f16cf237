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
        return new AccessDeniedException($"Du har ikke adgang til {what}. {Scope(user.Audience)}");
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
