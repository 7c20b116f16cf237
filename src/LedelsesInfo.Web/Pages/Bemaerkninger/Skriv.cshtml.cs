using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Bemaerkninger;

/// <summary>Writes or edits a leader's note on a figure for a unit and a period, then returns to the page it came from.</summary>
public sealed class SkrivModel(IMediator mediator) : PageModel, IRerendersRefusedPost
{
    /// <summary>The explanation rows the form offers.</summary>
    public const int Rows = 3;

    [BindProperty(SupportsGet = true, Name = "id")] public long? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "noegletal")] public string? KpiCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "enhed")] public string? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "tilbage")] public string? Back { get; set; }
    [BindProperty] public string? Interpretation { get; set; }
    [BindProperty] public bool ForCommittee { get; set; }
    [BindProperty] public List<ExplanationInput> Explanations { get; set; } = [];

    public NoteToWrite? Note { get; private set; }

    public string BackUrl => ReturnUrl.Local(Back) ?? "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Note = await mediator.Send(new GetNoteToWrite(Id, KpiCode, UnitId, Period), ct);
        Interpretation = Note.Interpretation;
        ForCommittee = Note.ForCommittee;
        Explanations = Note.Explanations.Select(e => new ExplanationInput(e.Text, Code<ExplanationSource>.Of(e.Source), Code<ExplanationScope>.Of(e.Scope))).ToList();
        return Page();
    }

    public async Task BeforeRerenderAsync(CancellationToken ct) => Note = await mediator.Send(new GetNoteToWrite(Id, KpiCode, UnitId, Period), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var note = await mediator.Send(new GetNoteToWrite(Id, KpiCode, UnitId, Period), ct);
        await mediator.Send(new SaveFigureNote(Id, note.Kpi.Code, note.UnitId, note.Period, Interpretation, ForCommittee, Explanations), ct);
        TempData[RefusalFilter.Saved] = $"Bemærkningen til {note.Kpi.Code} {note.Kpi.Name} for {note.UnitName} er gemt.";
        return LocalRedirect(BackUrl);
    }

    /// <summary>Withdraws the note: gone from beside the figure, kept with its versions in the history and the export.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        var figure = await mediator.Send(new WithdrawFigureNote(Id ?? 0), ct);
        TempData[RefusalFilter.Saved] = $"Bemærkningen til {figure} er trukket tilbage. Den gemmes i historikken.";
        return LocalRedirect(BackUrl);
    }

    /// <summary>The explanation in a row of the form, or an empty one.</summary>
    public ExplanationInput Row(int i) => i < Explanations.Count ? Explanations[i] : new ExplanationInput(null, null, null);
}
