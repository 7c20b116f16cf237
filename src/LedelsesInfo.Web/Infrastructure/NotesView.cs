using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// The notes a page shows beside its figures (<c>_Notes.cshtml</c>), and where the reader may write one: the unit and
/// period to write for, the figures to choose from and the page to come back to.
/// </summary>
public sealed record NotesView(string Id, IReadOnlyList<NoteView> Notes, string Empty, string? WriteUnitId, string Period, IReadOnlyList<Kpi> Kpis, string Back,
    bool ShowAuthor = true, bool ShowCommitteeMark = true);
