using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Katalog;

/// <summary>The second overview of the guidance: for one audience, which key figures it receives.</summary>
public sealed class ModtagergruppeModel(IMediator mediator) : PageModel
{
    public Audience Audience { get; private set; }
    public string Intro { get; private set; } = "";
    public IReadOnlyList<(string Code, string Name, AudienceReceipt Cell)> Received { get; private set; } = [];
    public IReadOnlyList<string> NotReceived { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string audience, CancellationToken ct)
    {
        if (!Code<Audience>.TryParse(audience, out var a) || a == Audience.Administrator)
        {
            return NotFound();
        }
        Audience = a;
        Intro = a switch
        {
            Audience.Committee => "Fagudvalget får kvartalstal for kommunen sammenlignet på tværs af forvaltninger. Små tal skjules.",
            Audience.Management => "Forvaltningsledelsen får månedstal fra forvaltning ned til team.",
            Audience.TeamLeader => "Teamlederen får ugetal for eget team med lister over sager med frister.",
            _ => "Sagsbehandleren ser sine egne sager og frister og eget tal mod teamets.",
        };
        var matrix = await mediator.Send(new GetAudienceMatrix(), ct);
        Received = matrix.Where(r => r.Cells.TryGetValue(a, out var c) && c.Enabled).Select(r => (r.Code, r.Name, r.Cells[a])).ToList();
        NotReceived = matrix.Where(r => !r.Cells.TryGetValue(a, out var c) || !c.Enabled).Select(r => $"{r.Code} {r.Name}").ToList();
        return Page();
    }
}
