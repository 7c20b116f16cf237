using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Web.Auth;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Tilsyn;

[Authorize(Policy = Policies.Leaders)]
public sealed class SkabelonerModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<TemplateSummary> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Templates = await mediator.Send(new GetTemplates(), ct);

    public async Task<IActionResult> OnPostSaveAsync(long templateId, List<string?> text, List<string?> focus, List<string?> kpi, CancellationToken ct)
    {
        var questions = text.Select((t, i) => (Text: t, Focus: i < focus.Count ? focus[i] : null, Kpi: i < kpi.Count ? kpi[i] : null))
            .Where(q => !string.IsNullOrWhiteSpace(q.Text))
            .Select(q => new TemplateQuestion(q.Text!.Trim(), string.IsNullOrWhiteSpace(q.Focus) ? null : q.Focus.Trim(), string.IsNullOrWhiteSpace(q.Kpi) ? null : q.Kpi))
            .ToList();
        var id = await mediator.Send(new UpdateTemplate(templateId, questions), ct);
        TempData[RefusalFilter.Saved] = id == templateId ? "Skabelonen er gemt." : "Skabelonen bruges af en runde, så rettelsen er gemt som en ny version.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCopyAsync(long templateId, string? name, CancellationToken ct)
    {
        await mediator.Send(new CopyTemplate(templateId, name ?? ""), ct);
        TempData[RefusalFilter.Saved] = $"Skabelonen er kopieret som «{name}».";
        return RedirectToPage();
    }
}
