using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Katalog;

[Authorize(Policy = Policies.Leaders)]
public sealed class DatakvalitetModel(IMediator mediator) : PageModel
{
    public DataQuality? Quality { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Quality = await mediator.Send(new GetDataQuality(), ct);
}
