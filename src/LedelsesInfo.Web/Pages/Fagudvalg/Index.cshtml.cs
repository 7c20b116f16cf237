using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Fagudvalg;

public sealed class FagudvalgModel(IMediator mediator, IClock clock) : DashboardPage
{
    public CommitteeDashboard? Dashboard { get; private set; }
    public LedelsesInfo.Application.Features.ManagementReview.ReviewOverview? Review { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    /// <summary>Set when the server's PDF could not be made: the page says so (<c>?pdf=mangler</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "pdf")]
    public string? PdfState { get; set; }

    public bool PdfAvailable => HttpContext.RequestServices.GetRequiredService<PaperPdf>().Available;

    /// <summary>The administration's comments: the notes marked for the committee on the municipality's and departments' quarter.</summary>
    public NotesView? Notes { get; private set; }

    /// <summary>The notes for the committee on the trend charts' quarters, for the charts' markers.</summary>
    public IReadOnlyList<LedelsesInfo.Application.Features.Notes.NoteView> ChartNotes { get; private set; } = [];

    /// <summary>What the notes shown depend on, for the rendered page's cache key.</summary>
    public string NotesStamp { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>What the page shows: the quarter's dashboard, the year's supervision and the notes for the committee.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        Dashboard = await mediator.Send(new GetCommitteeDashboard(Quarter, AsOf), ct);
        Review = await ReviewAsync(Dashboard, ct);
        Notes = await NotesAsync(Dashboard, ct);
    }

    private async Task<NotesView?> NotesAsync(CommitteeDashboard d, CancellationToken ct)
    {
        if (d.Quarter is not { } quarter || d.MunicipalityId is not { } municipality)
        {
            return null;
        }
        var chartQuarters = d.Figures.Count > 0 ? d.Figures[0].Chart.Periods : [];
        var notes = await mediator.Send(new LedelsesInfo.Application.Features.Notes.GetFigureNotes([municipality, .. d.Departments.Select(x => x.Id)],
            [.. chartQuarters.Append(quarter).Distinct()], OnlyForCommittee: true, WriteFor: municipality), ct);
        ChartNotes = notes.Notes;
        NotesStamp = NotesView.Stamp(notes);
        return new NotesView("fagudvalg", notes.Notes.Where(n => n.Period == quarter).ToList(), $"Forvaltningen har ingen bemærkninger til tallene for {LedelsesInfo.Application.Texts.Danish.Name(LedelsesInfo.Domain.Periods.Parse(quarter))}.",
            notes.MayWrite ? municipality : null, quarter, d.Figures.Select(f => f.Current.Kpi).ToList(), $"{Request.Path}{Request.QueryString}", ShowAuthor: false, ShowCommitteeMark: false);
    }

    /// <summary>The meeting paper as a PDF, printed by the server from the same page (<see cref="PaperPdf"/>).</summary>
    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var back = $"/Fagudvalg?{string.Join("&", QueryWithout(Request, "handler", "pdf").Append("pdf=mangler"))}";
        if (Dashboard!.Quarter is null || !PdfAvailable)
        {
            return Redirect(back);
        }
        PdfResultFilter.Request(HttpContext, $"fagudvalget-{Dashboard.Quarter}.pdf", back);
        return Page();
    }

    /// <summary>The PDF of the quarter and as-of date shown.</summary>
    public string PdfUrl() => $"/Fagudvalg?{string.Join("&", QueryWithout(Request, "handler", "pdf").Append("handler=Pdf"))}";

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetCommitteeDashboard(Quarter, AsOf), ct);
        var s = await ReviewAsync(d, ct);
        return [d.Overview, .. d.Trends.Values, d.EconomyTable, d.Comparison, s.Municipality, s.ActionPlanTable];
    }

    /// <summary>Management supervision for the year of the quarter shown, small numbers hidden as the committee sees them.</summary>
    private async Task<LedelsesInfo.Application.Features.ManagementReview.ReviewOverview> ReviewAsync(CommitteeDashboard dashboard, CancellationToken ct) =>
        await mediator.Send(new LedelsesInfo.Application.Features.ManagementReview.GetReviewOverview(
            dashboard.Quarter is { } q ? Figures.YearOf(q) : clock.Today.Year, HideSmallNumbers: true), ct);
}
