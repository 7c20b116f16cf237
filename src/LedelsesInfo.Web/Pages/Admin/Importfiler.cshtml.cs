using LedelsesInfo.Application.Features.Imports;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

/// <summary>The import files explained column by column, with an empty template of each (CSV and XLSX).</summary>
public sealed class ImportfilerModel(IMediator mediator) : PageModel
{
    public ImportDesk Desk { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Desk = await mediator.Send(new GetImportDesk(), ct);

    public async Task<IActionResult> OnGetTemplateAsync(string kind, string format, CancellationToken ct)
    {
        var template = await mediator.Send(new GetImportTemplate(kind ?? "", format == "xlsx"), ct);
        return template is null ? NotFound() : File(template.Content, template.ContentType, template.FileName);
    }
}
