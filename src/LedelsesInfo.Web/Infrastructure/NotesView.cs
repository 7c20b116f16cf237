using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Application.KeyFigures;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// The notes a page shows beside its figures (<c>_Notes.cshtml</c>), and where the reader may write one: the unit and
/// period to write for, the figures to choose from and the page to come back to; the expectations for the period and
/// the next, and the next period, for which an expectation may be written before its figure comes.
/// </summary>
public sealed record NotesView(string Id, IReadOnlyList<NoteView> Notes, string Empty, string? WriteUnitId, string Period, IReadOnlyList<Kpi> Kpis, string Back,
    bool ShowAuthor = true, bool ShowCommitteeMark = true)
{
    public IReadOnlyList<ExpectationView> Expectations { get; init; } = [];
    public string? NextPeriod { get; init; }

    /// <summary>
    /// What the notes shown depend on beyond the cached figures (notes do not move the data version): each note's
    /// version, its actions and whether they are done, and the expectations. Part of the rendered page's cache key.
    /// </summary>
    public static string Stamp(FigureNotes notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        return string.Join(",", notes.Notes.Select(n => $"{n.Id}.{n.Version}:{string.Join(";", n.Actions.Select(a => $"{a.Id}{(a.DoneAt is null ? "" : "d")}"))}"))
            + "/" + string.Join(",", notes.Expectations.Select(e => e.Id));
    }
}

/// <summary>Markers for the notes on a trend chart's periods: at the period's point, with the note's text as the marker's text.</summary>
public static class NoteMarkers
{
    /// <summary>The longest part of a note shown as a marker's text; the whole note is in the list of notes.</summary>
    public const int TextLength = 160;

    public static ChartData With(ChartData chart, string kpiCode, string unitId, IEnumerable<NoteView> notes)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(notes);
        var onChart = notes.Where(n => n.Kpi.Code == kpiCode && n.UnitId == unitId).ToList();
        var markers = chart.Periods.Select((period, i) => (Index: i, Notes: onChart.Where(n => n.Period == period).ToList()))
            .Where(x => x.Notes.Count > 0)
            .Select(x => new ChartMarker(x.Index, string.Join(" · ", x.Notes.Select(n => Shorten(n.Interpretation)))))
            .ToList();
        return markers.Count == 0 ? chart : chart with { Markers = markers };
    }

    private static string Shorten(string text) => text.Length <= TextLength ? text : text[..(TextLength - 1)].TrimEnd() + "…";
}
