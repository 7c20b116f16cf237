using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.AccessLogs;
using LedelsesInfo.Infrastructure.Export;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

/// <summary>
/// The access log, searched by case, by child (the answer to a citizen's request, with units instead of employees, as a
/// page to print and a spreadsheet to send) or by user and period. Every look-up is itself logged.
/// </summary>
public sealed class AdgangslogModel(IMediator mediator, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sag")]
    public string? CaseId { get; set; }

    [BindProperty(SupportsGet = true, Name = "barn")]
    public string? ChildId { get; set; }

    [BindProperty(SupportsGet = true, Name = "bruger")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true, Name = "fra")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "til")]
    public DateOnly? To { get; set; }

    public IReadOnlyList<CaseAccessRow>? Rows { get; private set; }
    public ChildAccessReport? Child { get; private set; }
    public UserAccess? ByUser { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Request.Query.ContainsKey("barn"))
        {
            Child = await mediator.Send(new GetChildAccess(ChildId ?? "", From, To), ct);
        }
        else if (Request.Query.ContainsKey("bruger"))
        {
            var to = To ?? clock.Today;
            ByUser = await mediator.Send(new GetUserAccess(UserName ?? "", From ?? to.AddMonths(-1), to), ct);
        }
        else if (Request.Query.ContainsKey("sag"))
        {
            CaseId = (CaseId ?? "").Trim();
            Rows = await mediator.Send(new GetCaseAccess(CaseId), ct);
        }
        return Page();
    }

    /// <summary>The citizen's answer as a spreadsheet (xlsx) to send with the letter.</summary>
    public async Task<IActionResult> OnGetIndsigtAsync(CancellationToken ct)
    {
        var report = await mediator.Send(new GetChildAccess(ChildId ?? "", From, To), ct);
        Response.Headers.CacheControl = "no-store";
        return File(TableExport.Xlsx(report.Table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"indsigt-i-logning-{report.ChildId}.xlsx");
    }
}
