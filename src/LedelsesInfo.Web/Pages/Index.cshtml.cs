using LedelsesInfo.Application.Features.Home;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public HomeOverview? Overview { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Overview = await mediator.Send(new GetHome(), ct);
}
