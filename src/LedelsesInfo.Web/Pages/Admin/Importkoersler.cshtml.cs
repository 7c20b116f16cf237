using LedelsesInfo.Application.Features.Imports;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

/// <summary>The import history: every run with who, when, its files, rows applied and rejected, and the recompute's time.</summary>
public sealed class ImportkoerslerModel(IMediator mediator) : PageModel
{
    public ImportHistory History { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => History = await mediator.Send(new GetImportRuns(), ct);
}
