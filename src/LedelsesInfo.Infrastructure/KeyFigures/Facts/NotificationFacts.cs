using LedelsesInfo.Domain;
using static LedelsesInfo.Infrastructure.KeyFigures.Facts.FactTables;

namespace LedelsesInfo.Infrastructure.KeyFigures.Facts;

/// <summary>U1-U3 from the notifications, at the unit that received them, by the day received.</summary>
internal sealed class NotificationFacts : IKpiFacts
{
    public IReadOnlyList<Kpi> Figures { get; } = [KpiCatalogue.U1, KpiCatalogue.U2, KpiCatalogue.U3];

    public async Task WriteAsync(FactTables t)
    {
        var d = t.D;
        var n = d.From<Notification>("n");
        var unit = n[x => x.UnitId];
        var receivedAt = n[x => x.ReceivedAt];
        var assessedAt = n[x => x.AssessedAt];
        var receiptSentOn = n[x => x.ReceiptSentOn];
        var received = d.DateOf(receivedAt);
        var receivedBeforeEnd = $"{receivedAt} >= @from AND {receivedAt} < @end";

        // U1: every notification received.
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {Code(KpiCatalogue.U1)}, {unit}, {received}, COUNT(*), NULL FROM {n}
            WHERE {receivedBeforeEnd} GROUP BY {unit}, {received}
            """);
        // U2 (§§ 136-137): assessed within 24 hours; counted once the 24 hours have passed, or once assessed.
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {Code(KpiCatalogue.U2)}, x.UnitId, x.day, SUM(x.met), COUNT(*) FROM (
                SELECT {unit} AS UnitId, {received} AS day,
                       CASE WHEN {assessedAt} < @end AND {assessedAt} <= {d.AddHours(receivedAt, 24)} THEN 1 ELSE 0 END AS met
                FROM {n}
                WHERE {receivedBeforeEnd} AND ({d.AddHours(receivedAt, 24)} < @end OR {assessedAt} < @end)
            ) x GROUP BY x.UnitId, x.day
            """);
        // U3: a receipt to a professional notifier by the 6th working day after the day received.
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {Code(KpiCatalogue.U3)}, x.UnitId, x.day, SUM(x.met), COUNT(*) FROM (
                SELECT {unit} AS UnitId, {received} AS day,
                       CASE WHEN {receiptSentOn} <= @asOf AND {receiptSentOn} <= c6.day THEN 1 ELSE 0 END AS met
                FROM {n}
                JOIN {t.Calendar} c0 ON c0.day = {received}
                JOIN {t.Calendar} c6 ON c6.working_index = c0.working_index + 6 AND c6.is_working = 1
                WHERE {n[x => x.Professional]} = 1 AND {receivedBeforeEnd} AND (c6.day <= @asOf OR {receiptSentOn} <= @asOf)
            ) x GROUP BY x.UnitId, x.day
            """);
    }
}
