using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Imports;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

/// <summary>
/// Upload files to import: they are staged and previewed in the background; nothing is written before the administrator
/// confirms on <see cref="IndlaesningModel"/>. The request limit here is the hard ceiling; the configured limit
/// (Import:MaxMegabytes) is checked while the files are staged and refused in Danish.
/// </summary>
[RequestSizeLimit(HardLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = HardLimit)]
public sealed class IndlaesModel(IMediator mediator) : PageModel
{
    public const long HardLimit = 2L * 1024 * 1024 * 1024;

    public ImportDesk Desk { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Desk = await mediator.Send(new GetImportDesk(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var files = Request.Form.Files.Where(f => f.Length > 0 || f.FileName.Length > 0)
            .Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream))
            .ToList();
        var id = await mediator.Send(new StageImport(files), ct);
        return RedirectToPage("/Admin/Indlaesning", new { id });
    }
}
