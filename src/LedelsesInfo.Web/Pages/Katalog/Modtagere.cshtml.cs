using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Katalog;

/// <summary>The first overview of the guidance as a matrix: for each key figure, which audiences receive it.</summary>
public sealed class ModtagereModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<AudienceMatrixRow> Rows { get; private set; } = [];
    public bool CanEdit { get; private set; }


    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await mediator.Send(new GetAudienceMatrix(), ct);
        CanEdit = User.HasClaim(PortalClaims.Audience, "administrator");
    }
}
