using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Auth;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Katalog;

/// <summary>An administrator changes one cell of the audience matrix.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndstillingModel(IMediator mediator) : PageModel, IRerendersRefusedPost
{
    public Audience Audience { get; private set; }
    public string Kpi { get; private set; } = "";
    public bool Enabled { get; private set; }
    public PeriodKind Cadence { get; private set; }
    public UnitLevel Grain { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? audience, string? kpi, CancellationToken ct)
    {
        if (!Code<Audience>.TryParse(audience, out var a) || !KpiCatalogue.Exists(kpi))
        {
            return NotFound();
        }
        var matrix = await mediator.Send(new GetAudienceMatrix(), ct);
        var cell = matrix.Single(r => string.Equals(r.Code, kpi, StringComparison.OrdinalIgnoreCase)).Cells.GetValueOrDefault(a);
        (Audience, Kpi, Enabled, Cadence, Grain) = (a, kpi.ToUpperInvariant(), cell?.Enabled ?? false, cell?.Cadence ?? PeriodKind.Month, cell?.Grain ?? UnitLevel.Team);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? audience, string? kpi, bool enabled, string? cadence, string? grain, CancellationToken ct)
    {
        if (!Code<Audience>.TryParse(audience, out var a) || !KpiCatalogue.Exists(kpi))
        {
            return NotFound();
        }
        // An unknown code is sent as a value outside the enum, which the validator refuses in Danish.
        var c = Code<PeriodKind>.TryParse(cadence, out var knownCadence) ? knownCadence : (PeriodKind)(-1);
        var g = Code<UnitLevel>.TryParse(grain, out var knownGrain) ? knownGrain : (UnitLevel)(-1);
        (Audience, Kpi, Enabled, Cadence, Grain) = (a, kpi.ToUpperInvariant(), enabled, c, g);
        await mediator.Send(new UpdateAudienceSetting(a, Kpi, enabled, c, g), ct);
        TempData[RefusalFilter.Saved] = $"{Kpi} for {Danish.Name(a).ToLowerInvariant()} er gemt: " +
            (enabled ? $"{Danish.Cadence(c)}, {Danish.Name(g)}." : "får ikke nøgletallet.");
        return RedirectToPage("/Katalog/Modtagere");
    }
}
