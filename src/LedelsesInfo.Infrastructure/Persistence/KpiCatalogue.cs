using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>Writes the Domain's catalogue into the database and gives the audience matrix its defaults.</summary>
public static class KpiSeed
{
    public static KpiDefinition Definition(Kpi kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        return new KpiDefinition
        {
            Code = kpi.Code,
            Name = kpi.Name,
            Unit = kpi.Unit,
            GoodWhen = kpi.GoodWhen,
            Description = kpi.Description,
            Rule = kpi.Rule,
            LegalBasis = kpi.LegalBasis,
            SourceFiles = kpi.SourceFiles,
        };
    }

    /// <summary>The red thread's defaults: every audience gets every figure at its own cadence and grain; caseworkers the deadline figures and caseload.</summary>
    public static IEnumerable<AudienceSetting> DefaultSettings() =>
        from audience in new[] { Audience.Committee, Audience.Management, Audience.TeamLeader, Audience.Caseworker }
        from kpi in KpiCatalogue.All
        select new AudienceSetting
        {
            Audience = audience,
            KpiCode = kpi.Code,
            Enabled = audience != Audience.Caseworker || kpi.Code is "U2" or "U3" or "B1" or "P1" or "F1" or "T1" or "S1",
            Cadence = audience switch
            {
                Audience.Committee => PeriodKind.Quarter,
                Audience.Management => PeriodKind.Month,
                _ => PeriodKind.Week,
            },
            Grain = audience switch
            {
                Audience.Committee => UnitLevel.Department,
                _ => UnitLevel.Team,
            },
        };
}
