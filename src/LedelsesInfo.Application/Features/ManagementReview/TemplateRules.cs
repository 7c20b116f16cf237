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

    /// <summary>
    /// Who may change a template: the municipality's default only an administrator; a copy the administrator, or a leader of
    /// the unit that owns it (a copy from before owners were kept: the leader who made it). Others copy it to their own.
    /// </summary>
    public static bool MayChange(ICurrentUser user, ReviewTemplate template) =>
        user.Audience == Audience.Administrator
        || (user.Audience is Audience.TeamLeader or Audience.Management && !template.IsDefault
            && (template.OwnerUnitId is { } owner ? owner == user.UnitId : template.CreatedBy == user.UserName));

    public static async Task EnsureMayChangeAsync(IAppDbContext db, ICurrentUser user, IClock clock, ReviewTemplate template, CancellationToken ct)
    {
        await EnsureLeaderAsync(db, user, clock, ct);
        if (!MayChange(user, template))
        {
            throw await AccessLog.DenyAsync(db, user, clock, RoundRules.Page, null,
                template.IsDefault ? "at rette kommunens standardskabelon; kopiér den til dit teams egen skabelon og ret kopien" : "at rette en anden enheds skabelon; kopiér den til din egen", ct);
        }
    }
}
