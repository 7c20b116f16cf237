using FluentValidation;
using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LedelsesInfo.Web.Infrastructure;

public static class FormHelpers
{
    /// <summary>Saves every answer of a review form (fields a{questionId} and c{questionId}); returns the page's message of how many were saved.</summary>
    public static async Task<string> SaveAnswersAsync(IMediator mediator, long reviewCaseId, IFormCollection form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(form);
        var saved = 0;
        foreach (var key in form.Keys.Where(k => k.StartsWith('a') && long.TryParse(k[1..], out _)))
        {
            if (Code<ReviewAnswerValue>.TryParse(form[key], out var value))
            {
                await mediator.Send(new AnswerQuestion(reviewCaseId, long.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture), value, form["c" + key[1..]]), ct);
                saved++;
            }
        }
        return saved == 0 ? "Der var ingen svar at gemme." : $"{saved} svar er gemt.";
    }
}
