using System.Security.Claims;
using LedelsesInfo.Application.Features.Account;
using LedelsesInfo.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Konto;

/// <summary>The development sign-in: pick a demo user, get a cookie with that user's audience and unit.</summary>
public sealed class LogIndModel(IMediator mediator, SignInMode mode) : PageModel
{
    public IReadOnlyList<SignInGroup> Groups { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? EmployeeId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!mode.Development)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() });
        }
        Groups = await mediator.Send(new ListSignInUsers(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!mode.Development)
        {
            return NotFound();
        }
        var employee = string.IsNullOrEmpty(EmployeeId) ? null : await mediator.Send(new FindEmployee(EmployeeId), ct);
        if (employee is null)
        {
            ModelState.AddModelError(nameof(EmployeeId), "Vælg en bruger fra listen.");
            Groups = await mediator.Send(new ListSignInUsers(), ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, employee.Name));
        identity.AddClaims(PortalClaims.For(employee, employee.Audience));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
