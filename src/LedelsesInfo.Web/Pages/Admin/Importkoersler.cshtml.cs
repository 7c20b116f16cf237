using LedelsesInfo.Application.Features.Imports;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

public sealed class ImportkoerslerModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ImportBatchRow> Batches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Batches = await mediator.Send(new GetImportBatches(), ct);
}
