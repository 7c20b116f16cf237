using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using static LedelsesInfo.Infrastructure.KeyFigures.Facts.FactTables;

namespace LedelsesInfo.Infrastructure.KeyFigures.Facts;

/// <summary>
/// H1, H2 and X1 from the HR months at the employee's unit (X1's numerator: examinations completed and follow-ups done
/// at the case's team). The denominators are summed FTE-months and hours; the engine divides by the catalogue's scale.
/// </summary>
internal sealed class HrFacts : IKpiFacts
{
    public IReadOnlyList<Kpi> Figures { get; } = [KpiCatalogue.H1, KpiCatalogue.H2, KpiCatalogue.X1];

    public async Task WriteAsync(FactTables t)
    {
        var d = t.D;
        var h = d.From<HrMonth>("h");
        var e = d.From<Employee>("e");
        var x = d.From<Examination>("x");
        var c = d.From<Case>("c");
        var ev = d.From<ActivityEvent>("ev");
        var ac = d.From<Activity>("ac");
        var hr = $"{h} JOIN {e} ON {e[r => r.Id]} = {h[r => r.EmployeeId]}";
        var months = $"{h[r => r.Month]} >= @since AND {h[r => r.Month]} <= @asOf";
        var caseworkers = $"{e[r => r.Role]} = {SqlDialect.Literal(EmployeeRole.Caseworker)}";
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {Code(KpiCatalogue.H1)}, {e[r => r.UnitId]}, {h[r => r.Month]}, SUM({h[r => r.SickDays]}), SUM({h[r => r.Fte]}) FROM {hr}
            WHERE {months} GROUP BY {e[r => r.UnitId]}, {h[r => r.Month]}
            UNION ALL
            SELECT {Code(KpiCatalogue.H2)}, {e[r => r.UnitId]}, {h[r => r.Month]}, SUM({h[r => r.OvertimeHours]}), SUM({h[r => r.Fte]}) FROM {hr}
            WHERE {months} GROUP BY {e[r => r.UnitId]}, {h[r => r.Month]}
            UNION ALL
            SELECT {Code(KpiCatalogue.X1)}, {e[r => r.UnitId]}, {h[r => r.Month]}, 0, SUM({h[r => r.HoursWorked]}) FROM {hr}
            WHERE {months} AND {caseworkers} GROUP BY {e[r => r.UnitId]}, {h[r => r.Month]}
            UNION ALL
            SELECT {Code(KpiCatalogue.X1)}, {c[r => r.TeamId]}, {x[r => r.CompletedOn]}, COUNT(*), 0 FROM {x} JOIN {c} ON {c[r => r.Id]} = {x[r => r.CaseId]}
            WHERE {x[r => r.Kind]} = {SqlDialect.Literal(ExaminationKind.Bfu)} AND {x[r => r.CompletedOn]} >= @since AND {x[r => r.CompletedOn]} <= @asOf
            GROUP BY {c[r => r.TeamId]}, {x[r => r.CompletedOn]}
            UNION ALL
            SELECT {Code(KpiCatalogue.X1)}, {c[r => r.TeamId]}, {ev[r => r.OccurredOn]}, COUNT(*), 0
            FROM {ev} JOIN {ac} ON {ac[r => r.Id]} = {ev[r => r.ActivityId]} JOIN {c} ON {c[r => r.Id]} = {ac[r => r.CaseId]}
            WHERE {ev[r => r.Kind]} = {SqlDialect.Literal(ActivityEventKind.FollowUp)} AND {ev[r => r.OccurredOn]} >= @since AND {ev[r => r.OccurredOn]} <= @asOf
            GROUP BY {c[r => r.TeamId]}, {ev[r => r.OccurredOn]}
            """);
    }
}
