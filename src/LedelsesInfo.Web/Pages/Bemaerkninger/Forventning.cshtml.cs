using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Bemaerkninger;

/// <summary>Records what a leader expects of a figure for a coming period, before its data arrive, then returns to the page it came from.</summary>
public sealed class ForventningModel(IMediator mediator) : PageModel, IRerendersRefusedPost
{
    [BindProperty(SupportsGet = true, Name = "noegletal")] public string? KpiCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "enhed")] public string? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "tilbage")] public string? Back { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Direction { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ExpectationToWrite? Form { get; private set; }

    public string BackUrl => ReturnUrl.Local(Back) ?? "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form = await mediator.Send(new GetExpectationToWrite(KpiCode, UnitId, Period), ct);
        return Page();
    }

    public async Task BeforeRerenderAsync(CancellationToken ct) => Form = await mediator.Send(new GetExpectationToWrite(KpiCode, UnitId, Period), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var form = await mediator.Send(new GetExpectationToWrite(KpiCode, UnitId, Period), ct);
        await mediator.Send(new SaveFigureExpectation(form.Kpi.Code, form.UnitId, form.Period, Value, Direction, Reason), ct);
        TempData[RefusalFilter.Saved] = $"Forventningen til {form.Kpi.Code} {form.Kpi.Name} for {form.UnitName} er gemt. Den vises ved tallet, når det kommer.";
        return LocalRedirect(BackUrl);
    }
}
