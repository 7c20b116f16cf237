using LedelsesInfo.Application.Features.Dashboards;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Sag;

public sealed class SagModel(IMediator mediator) : PageModel
{
    public CaseDetails? Details { get; private set; }

    /// <summary>The list the case was opened from (the team's week, the own cases), carried in <c>?tilbage=</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "tilbage")] public string? Back { get; set; }

    public string BackUrl => LedelsesInfo.Web.Infrastructure.ReturnUrl.Local(Back) ?? (User.FindFirst(LedelsesInfo.Web.Auth.PortalClaims.Audience)?.Value == LedelsesInfo.Domain.Code<LedelsesInfo.Domain.Audience>.Of(LedelsesInfo.Domain.Audience.TeamLeader) ? "/Team" : "/Mine");

    public string BackText => LedelsesInfo.Web.Infrastructure.ReturnUrl.Local(Back) is null ? "Til listen" : "Tilbage til listen";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Details = await mediator.Send(new GetCase(id), ct);
        return Page();
    }
}
