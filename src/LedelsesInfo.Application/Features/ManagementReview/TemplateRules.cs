namespace LedelsesInfo.Application.Features.ManagementReview;

internal static class TemplateRules
{
    public static async Task EnsureLeaderAsync(IAppDbContext db, ICurrentUser user, IClock clock, CancellationToken ct)
    {
        if (user.Audience is not (Audience.TeamLeader or Audience.Management or Audience.Administrator))
        {
            throw await AccessLog.DenyAsync(db, user, clock, RoundRules.Page, null, "at rette skabeloner", ct);
        }
    }
}
