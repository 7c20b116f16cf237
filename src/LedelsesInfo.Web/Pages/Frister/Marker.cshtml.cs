using LedelsesInfo.Application.Features.Worklists;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Frister;

/// <summary>Marks a deadline from a worklist (the caseworker's or the team leader's), then returns to that list.</summary>
public sealed class MarkerModel(IMediator mediator) : PageModel, IRerendersRefusedPost
{
    [BindProperty(SupportsGet = true, Name = "sag")] public string CaseId { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "frist")] public string Kind { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "kilde")] public string SourceId { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "k")] public int K { get; set; }
    [BindProperty(SupportsGet = true, Name = "tilbage")] public string? Back { get; set; }
    [BindProperty] public string? Mark { get; set; }
    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public string? Note { get; set; }

    public DeadlineToMark? Deadline { get; private set; }

    public string BackUrl => ReturnUrl.Local(Back) ?? "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Deadline = await mediator.Send(new GetDeadlineToMark(CaseId, Kind, SourceId, K), ct);
        Mark ??= Deadline.Current is { } c ? Code<DeadlineMarkKind>.Of(c.Mark) : null;
        return Page();
    }

    /// <summary>A refused mark shows the form again with the deadline it is about (and logs the case shown, as the GET does).</summary>
    public async Task BeforeRerenderAsync(CancellationToken ct) => Deadline = await mediator.Send(new GetDeadlineToMark(CaseId, Kind, SourceId, K), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A mark refused by validation shows the form again with the refusal beside it (IRerendersRefusedPost); one on a
        // deadline the user may not mark is refused by the handler with 403 and logged.
        var saved = await mediator.Send(new SetDeadlineMark(CaseId, Kind, SourceId, K, Mark ?? "", On, Note), ct);
        TempData[RefusalFilter.Saved] = $"Fristen på sag {CaseId} er markeret: {LedelsesInfo.Application.Texts.Danish.Name(saved.Mark)}.";
        return LocalRedirect(BackUrl);
    }
}
