using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace LedelsesInfo.Bench;

/// <summary>One figure's numerator and denominator for one unit, as DuckDB or the portal computed it.</summary>
public sealed record FigurePart(string Code, string Unit, decimal Numerator, decimal Denominator);

/// <summary>
/// The committee's quarter figures (U2, B1, F1, O1, O2, H1) for the municipality and each department, computed by DuckDB
/// straight from the import files with the definitions of docs/key-figures.md: nothing imported, nothing pre-computed. The
/// benchmark compares its time with the portal's time to serve the committee page, and its numbers with the portal's.
/// </summary>
public static class DuckDbComparison
{
    public static (double Seconds, List<FigurePart> Figures) Run(string files, DateOnly asOf, DateOnly quarterStart, DateOnly quarterEnd)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Sql(files, asOf, quarterStart, quarterEnd);
        var figures = new List<FigurePart>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                figures.Add(new FigurePart(reader.GetString(0), reader.GetString(1),
                    Convert.ToDecimal(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToDecimal(reader.GetValue(3), CultureInfo.InvariantCulture)));
            }
        }
        return (watch.Elapsed.TotalSeconds, figures);
    }

    private static string Sql(string files, DateOnly asOf, DateOnly from, DateOnly to)
    {
        string Csv(string name) => $"read_csv('{Path.Combine(files, name + ".csv").Replace("'", "''", StringComparison.Ordinal)}', delim=';', header=true, all_varchar=true)";
        string D(DateOnly day) => $"DATE '{day:yyyy-MM-dd}'";
        var end = $"TIMESTAMP '{asOf.AddDays(1):yyyy-MM-dd} 00:00:00'"; // as of a date: the end of that day
        const string Functions = "('5.28.20', '5.28.21', '5.28.22', '5.28.23', '5.28.24', '5.28.25')";
        const string Kroner = "CAST(replace({0}, ',', '.') AS DECIMAL(18, 2))";
        string Number(string column) => string.Format(CultureInfo.InvariantCulture, Kroner, column);
        return $"""
            WITH RECURSIVE
            org AS (SELECT unit_id, NULLIF(parent_id, '') AS parent_id, level FROM {Csv("organisation")}),
            up(unit, ancestor) AS (
                SELECT unit_id, unit_id FROM org
                UNION ALL
                SELECT up.unit, o.parent_id FROM up JOIN org o ON o.unit_id = up.ancestor WHERE o.parent_id IS NOT NULL
            ),
            -- Every unit with the municipality and the department above it (or itself).
            target AS (SELECT up.unit, up.ancestor FROM up JOIN org o ON o.unit_id = up.ancestor WHERE o.level IN ('kommune', 'forvaltning')),
            cases AS (SELECT case_id, team_id FROM {Csv("cases")}),
            notifications AS (
                SELECT unit_id, strptime(received_at, '%Y-%m-%d %H:%M') AS received, try_strptime(assessed_at, '%Y-%m-%d %H:%M') AS assessed
                FROM {Csv("notifications")}
            ),
            u2 AS (
                SELECT 'U2' AS code, t.ancestor AS unit,
                       SUM(CASE WHEN assessed < {end} AND assessed <= received + INTERVAL 24 HOUR THEN 1 ELSE 0 END) AS num, COUNT(*) AS den
                FROM notifications n JOIN target t ON t.unit = n.unit_id
                WHERE CAST(received AS DATE) BETWEEN {D(from)} AND {D(to)} AND received < {end}
                  AND (received + INTERVAL 24 HOUR < {end} OR assessed < {end})
                GROUP BY t.ancestor
            ),
            bfu AS (
                SELECT case_id, CAST(CAST(aware_on AS DATE) + INTERVAL 4 MONTH AS DATE) AS due, TRY_CAST(completed_on AS DATE) AS done
                FROM {Csv("examinations")} WHERE kind = 'bfu'
            ),
            b1 AS (
                SELECT 'B1', t.ancestor, SUM(CASE WHEN done <= {D(asOf)} AND done <= due THEN 1 ELSE 0 END), COUNT(*)
                FROM bfu x JOIN cases c ON c.case_id = x.case_id JOIN target t ON t.unit = c.team_id
                WHERE due BETWEEN {D(from)} AND {D(to)} AND due <= {D(asOf)}
                GROUP BY t.ancestor
            ),
            activities AS (SELECT activity_id, case_id, CAST(start_on AS DATE) AS start_on, TRY_CAST(end_on AS DATE) AS end_on FROM {Csv("activities")}),
            -- Follow-ups (§ 95): d1 = start + 3 months; d(k+1) = the k-th follow-up + the cadence set then, while every cadence so far is set.
            ev AS (
                SELECT e.activity_id, CAST(e.occurred_on AS DATE) AS f, TRY_CAST(e.next_followup_months AS INTEGER) AS next_months,
                       ROW_NUMBER() OVER (PARTITION BY e.activity_id ORDER BY CAST(e.occurred_on AS DATE)) AS k
                FROM {Csv("activity_events")} e JOIN activities a ON a.activity_id = e.activity_id
                WHERE e.event = 'opfoelgning' AND CAST(e.occurred_on AS DATE) > a.start_on AND CAST(e.occurred_on AS DATE) <= {D(asOf)}
            ),
            chain AS (
                SELECT *, SUM(CASE WHEN next_months IS NULL THEN 1 ELSE 0 END) OVER (PARTITION BY activity_id ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS missing
                FROM ev
            ),
            deadlines AS (
                SELECT activity_id, 1 AS k, CAST(start_on + INTERVAL 3 MONTH AS DATE) AS due FROM activities WHERE start_on <= {D(asOf)}
                UNION ALL
                SELECT activity_id, k + 1, CAST(f + to_months(next_months) AS DATE) FROM chain WHERE missing = 0
            ),
            f1 AS (
                SELECT 'F1', t.ancestor, SUM(CASE WHEN ev.f <= d.due THEN 1 ELSE 0 END), COUNT(*)
                FROM deadlines d
                JOIN activities a ON a.activity_id = d.activity_id
                JOIN cases c ON c.case_id = a.case_id
                JOIN target t ON t.unit = c.team_id
                LEFT JOIN ev ON ev.activity_id = d.activity_id AND ev.k = d.k
                WHERE (a.end_on IS NULL OR d.due <= a.end_on) AND d.due BETWEEN {D(from)} AND {D(to)} AND d.due <= {D(asOf)}
                GROUP BY t.ancestor
            ),
            payments AS (
                SELECT unit_id, function, {Number("amount")} AS amount FROM {Csv("payments")}
                WHERE CAST(posted_on AS DATE) BETWEEN {D(from)} AND {D(to)} AND CAST(posted_on AS DATE) <= {D(asOf)} AND function IN {Functions}
            ),
            budget AS (
                SELECT unit_id, {Number("amount")} AS amount FROM {Csv("budget")}
                WHERE CAST(month || '-01' AS DATE) BETWEEN {D(from)} AND {D(to)} AND CAST(month || '-01' AS DATE) <= {D(asOf)} AND function IN {Functions}
            ),
            o1 AS (
                SELECT 'O1', x.ancestor, SUM(x.paid), SUM(x.budget) FROM (
                    SELECT t.ancestor, p.amount AS paid, 0 AS budget FROM payments p JOIN target t ON t.unit = p.unit_id
                    UNION ALL
                    SELECT t.ancestor, 0, b.amount FROM budget b JOIN target t ON t.unit = b.unit_id
                ) x GROUP BY x.ancestor
            ),
            o2 AS (
                SELECT 'O2', t.ancestor, SUM(CASE WHEN p.function = '5.28.21' THEN p.amount ELSE 0 END), SUM(p.amount)
                FROM payments p JOIN target t ON t.unit = p.unit_id GROUP BY t.ancestor
            ),
            h1 AS (
                SELECT 'H1', t.ancestor, SUM({Number("h.sick_days")}), SUM({Number("h.fte")}) / 12
                FROM {Csv("hr")} h JOIN {Csv("employees")} e ON e.employee_id = h.employee_id JOIN target t ON t.unit = e.unit_id
                WHERE CAST(h.month || '-01' AS DATE) BETWEEN {D(from)} AND {D(to)} AND CAST(h.month || '-01' AS DATE) <= {D(asOf)}
                GROUP BY t.ancestor
            )
            SELECT code, unit, CAST(num AS DECIMAL(18, 4)), CAST(den AS DECIMAL(18, 4)) FROM (
                SELECT * FROM u2 UNION ALL SELECT * FROM b1 UNION ALL SELECT * FROM f1
                UNION ALL SELECT * FROM o1 UNION ALL SELECT * FROM o2 UNION ALL SELECT * FROM h1
            ) ORDER BY code, unit
            """;
    }
}
