using FluentValidation;
using LedelsesInfo.Application.Features.Supervision;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Tilsyn;

[Authorize(Policy = Policies.Caseworker)]
public sealed class SelvevalueringModel(IMediator mediator) : PageModel
{
    public SelfReview? Review { get; private set; }

    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Review = await mediator.Send(new GetSelfReview(Id), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var saved = 0;
            foreach (var key in Request.Form.Keys.Where(k => k.StartsWith('a') && long.TryParse(k[1..], out _)))
            {
                if (Code<ReviewAnswerValue>.TryParse(Request.Form[key], out var value))
                {
                    await mediator.Send(new AnswerQuestion(Id, long.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture), value, Request.Form["c" + key[1..]]), ct);
                    saved++;
                }
            }
            TempData["Gemt"] = $"{saved} svar er gemt.";
        }
        catch (ValidationException ex)
        {
            TempData["Fejl"] = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).DefaultIfEmpty(ex.Message));
        }
        return RedirectToPage(new { id = Id });
    }
}
