using LedelsesInfo.Domain;

namespace LedelsesInfo.Web.Auth;

/// <summary>Policy names, one per audience: folders are authorised by these, everything else is denied by default.</summary>
public static class Policies
{
    public const string Committee = "Fagudvalg";
    public const string Management = "Forvaltningsledelse";
    public const string TeamLeader = "Teamleder";
    public const string Caseworker = "Sagsbehandler";
    public const string Administrator = "Administrator";
    /// <summary>The committee's report: the committee, management and administrators (aggregates only).</summary>
    public const string CommitteeReport = "Fagudvalgsrapport";
    /// <summary>The management dashboard: management and administrators (down to team level, never cases).</summary>
    public const string ManagementReport = "Ledelsesrapport";
    /// <summary>Those who may open a single case at all (the handler then checks it is theirs).</summary>
    public const string CaseReaders = "Sagslaesere";
    /// <summary>Leaders and administrators: counts per team, never cases.</summary>
    public const string Leaders = "Ledere";
    /// <summary>Everyone but the committee: the action lists (an action's owner may be anyone who works here).</summary>
    public const string ActionReaders = "Handlingslaesere";

    public static string For(Audience audience) => audience switch
    {
        Domain.Audience.Committee => Committee,
        Domain.Audience.Management => Management,
        Domain.Audience.TeamLeader => TeamLeader,
        Domain.Audience.Caseworker => Caseworker,
        Domain.Audience.Administrator => Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };
}
