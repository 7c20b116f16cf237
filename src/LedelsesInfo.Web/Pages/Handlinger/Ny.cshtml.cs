using LedelsesInfo.Application.Features.Actions;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Handlinger;

/// <summary>Writes an action on a note: what, who, when, and which figure should move which way, how far and by when.</summary>
public sealed class NyModel(IMediator mediator) : PageModel, IRerendersRefusedPost
{
    [BindProperty(SupportsGet = true, Name = "note")] public long NoteId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tilbage")] public string? Back { get; set; }
    [BindProperty] public string? What { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public DateOnly? DueOn { get; set; }
    [BindProperty] public string? KpiCode { get; set; }
    [BindProperty] public string? Direction { get; set; }
    [BindProperty] public string? TargetValue { get; set; }
    [BindProperty] public DateOnly? TargetBy { get; set; }

    public ActionForm? Form { get; private set; }

    public string BackUrl => ReturnUrl.Local(Back) ?? "/Handlinger";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form = await mediator.Send(new GetActionForm(NoteId), ct);
        KpiCode ??= Form.Note.Kpi.Code;
        return Page();
    }

    public async Task BeforeRerenderAsync(CancellationToken ct) => Form = await mediator.Send(new GetActionForm(NoteId), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new AddFigureAction(NoteId, What, Owner, DueOn, KpiCode, Direction, TargetValue, TargetBy), ct);
        TempData[RefusalFilter.Saved] = "Handlingen er gemt. Den står på handlingslisten og på den ansvarliges egen side, når fristen nærmer sig.";
        return LocalRedirect(BackUrl);
    }
}
