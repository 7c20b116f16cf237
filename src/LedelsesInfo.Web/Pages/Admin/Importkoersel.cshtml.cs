using LedelsesInfo.Application.Features.Imports;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

public sealed class ImportkoerselModel(IMediator mediator) : PageModel
{
    public ImportBatchDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Details = await mediator.Send(new GetImportBatch(id), ct);
        return Details is null ? NotFound() : Page();
    }
}
