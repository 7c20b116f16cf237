using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Auth;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Tilsyn;

/// <summary>One round: every change is a small form that saves at once; errors come back in Danish above the page.</summary>
[Authorize(Policy = Policies.TeamLeader)]
public sealed class RundeModel(IMediator mediator) : DashboardPage
{
    public RoundView? View { get; private set; }

    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => View = await mediator.Send(new GetRound(Id), ct);

    public Task<IActionResult> OnPostDrawAsync(CancellationToken ct) =>
        Do(async () => TempData[RefusalFilter.Saved] = $"{(await mediator.Send(new DrawSample(Id), ct)).Count} sager er trukket.");

    public Task<IActionResult> OnPostSwapAsync(long reviewCaseId, string? reason, CancellationToken ct) =>
        Do(async () => TempData[RefusalFilter.Saved] = $"Sagen er byttet ud med {(await mediator.Send(new SwapCase(reviewCaseId, reason ?? ""), ct)).CaseId}.");

    public Task<IActionResult> OnPostAnswerAsync(long reviewCaseId, CancellationToken ct) =>
        Do(async () => TempData[RefusalFilter.Saved] = await FormHelpers.SaveAnswersAsync(mediator, reviewCaseId, Request.Form, ct));

    public Task<IActionResult> OnPostPlanAsync(long questionId, string? what, string? who, DateOnly? byWhen, CancellationToken ct) => Do(async () =>
    {
        await mediator.Send(new AddActionPlan(Id, questionId, what ?? "", who ?? "", byWhen), ct);
        TempData[RefusalFilter.Saved] = "Handlingen er tilføjet.";
    });

    public Task<IActionResult> OnPostSignOffAsync(string? learning, string? reflection, CancellationToken ct) => Do(async () =>
    {
        await mediator.Send(new SignOffRound(Id, learning, reflection), ct);
        TempData[RefusalFilter.Saved] = "Runden er afsluttet.";
    });

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var view = await mediator.Send(new GetRound(Id, ExportTable), ct);
        var answers = new TableData(GetRoundHandler.AnswersTable, $"Svar {view.TeamName} {view.Round.Quarter}. kvartal {view.Round.Year}",
            [new("Sag"), new("Sagsbehandler"), new("Spørgsmål"), new("Hvem svarede"), new("Svar"), new("Bemærkning")],
            view.Cases.Where(c => !c.Swapped).SelectMany(c => c.Answers.Values.OrderBy(a => a.QuestionId).ThenBy(a => a.Stage).Select(a => (object?[])[c.CaseId, c.CaseworkerName,
                view.Questions.FirstOrDefault(q => q.Id == a.QuestionId)?.Text, a.Stage == AnswerStage.Leader ? "Leder" : "Sagsbehandler", Danish.Name(a.Value), a.Comment])).ToList());
        return [view.ResultTable, answers];
    }

    /// <summary>Runs a form's command and goes back to the round; a refusal is shown by <see cref="RefusalFilter"/>.</summary>
    private async Task<IActionResult> Do(Func<Task> action)
    {
        await action();
        return RedirectToPage(new { id = Id });
    }
}
