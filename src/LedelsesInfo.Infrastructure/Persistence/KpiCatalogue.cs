using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Writes the catalogue into the database (updating changed definitions), the default audience matrix for every figure that has none yet, and the first time the supervision template.</summary>
    public static async Task SeedAsync(LedelsesInfoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.KpiDefinitions.ToDictionaryAsync(d => d.Code, ct);
        foreach (var kpi in KpiCatalogue.All)
        {
            var fresh = Definition(kpi);
            if (stored.TryGetValue(kpi.Code, out var existing))
            {
                db.Entry(existing).CurrentValues.SetValues(fresh);
            }
            else
            {
                db.KpiDefinitions.Add(fresh);
            }
        }
        // The default matrix the first time, and a figure added to the catalogue later gets its defaults; settings an
        // administrator has changed stay as they are.
        var present = (await db.AudienceSettings.Select(s => new { s.Audience, s.KpiCode }).ToListAsync(ct)).Select(s => (s.Audience, s.KpiCode)).ToHashSet();
        db.AudienceSettings.AddRange(DefaultSettings().Where(s => !present.Contains((s.Audience, s.KpiCode))));
        if (!await db.ReviewTemplates.AnyAsync(t => t.FamilyKey == ReviewDefaults.FamilyKey, ct))
        {
            db.ReviewTemplates.Add(new ReviewTemplate
            {
                FamilyKey = ReviewDefaults.FamilyKey,
                Version = 1,
                Name = ReviewDefaults.Name,
                IsDefault = true,
                CreatedAt = DateTime.UtcNow,
                CreatedBy = "LedelsesInfo",
                Questions = ReviewDefaults.Questions.Select((q, i) => new ReviewQuestion { Order = i + 1, Text = q.Text, FocusArea = q.FocusArea, KpiCode = q.KpiCode }).ToList(),
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The red thread's defaults: every audience gets every figure at its own cadence and grain; caseworkers the deadline figures and caseload.</summary>
    public static IEnumerable<AudienceSetting> DefaultSettings() =>
        from audience in new[] { Audience.Committee, Audience.Management, Audience.TeamLeader, Audience.Caseworker }
        from kpi in KpiCatalogue.All
        select new AudienceSetting
        {
            Audience = audience,
            KpiCode = kpi.Code,
            Enabled = audience != Audience.Caseworker || kpi.CaseworkerDefault,
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
