using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Imports;
using LedelsesInfo.Application.KeyFigures;
using LedelsesInfo.Infrastructure.Export;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

/// <summary>One upload: its preview, the choice to import or cancel, and the progress of its import.</summary>
public sealed class IndlaesningModel(IMediator mediator) : PageModel
{
    public ImportUpload Upload { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Upload = await FindAsync(id, ct);
        return Page();
    }

    /// <summary>The progress panel alone, for the page's script to refresh while the files are read or imported.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct)
    {
        Upload = await FindAsync(id, ct);
        Response.Headers.CacheControl = "no-store";
        return Partial("_ImportProgress", Upload);
    }

    /// <summary>The invalid rows of every file as CSV (the first 1,000 per file), for whoever corrects the source.</summary>
    public async Task<IActionResult> OnGetErrorsAsync(Guid id, CancellationToken ct)
    {
        Upload = await FindAsync(id, ct);
        var table = new TableData("ugyldige-raekker", "Ugyldige rækker",
            [new("Fil"), new("Række", ColumnKind.Number), new("Kolonne"), new("Værdi"), new("Årsag")],
            Upload.Files.SelectMany(f => f.Refused
                    ? [new object?[] { f.FileName, null, null, null, "Filen er afvist: " + f.RefusalReason }]
                    : f.Errors.Select(e => new object?[] { f.FileName, e.Row, e.Column, e.Value, e.Reason }))
                .ToList());
        Response.Headers.CacheControl = "no-store";
        return File(TableExport.Csv(table), "text/csv; charset=utf-8", "ugyldige-raekker.csv");
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, bool strict, CancellationToken ct)
    {
        await mediator.Send(new ConfirmImport(id, strict), ct);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        await mediator.Send(new CancelImport(id), ct);
        TempData[RefusalFilter.Saved] = "Indlæsningen er annulleret. Intet er gemt, og de modtagne filer er slettet.";
        return RedirectToPage("/Admin/Indlaes");
    }

    private async Task<ImportUpload> FindAsync(Guid id, CancellationToken ct) =>
        await mediator.Send(new GetImportUpload(id), ct) ?? throw new NotFoundException("Indlæsningen findes ikke (eller er udløbet).");
}
