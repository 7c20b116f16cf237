using LedelsesInfo.Domain;

namespace LedelsesInfo.Application.Features.ManagementReview;

public static class ReviewText
{
    public static string Mode(ReviewMode mode) => mode switch
    {
        ReviewMode.Control => "Kontrol (lederen alene)",
        ReviewMode.Dialogue => "Dialog (leder og sagsbehandler sammen)",
        _ => "Selvevaluering først (sagsbehandleren, derefter lederen)",
    };

    public static string Status(RoundStatus status) => status switch
    {
        RoundStatus.Planned => "Planlagt",
        RoundStatus.InProgress => "I gang",
        _ => "Afsluttet",
    };

    public static string Answer(ReviewAnswerValue value) => value switch
    {
        ReviewAnswerValue.Yes => "Ja",
        ReviewAnswerValue.No => "Nej",
        ReviewAnswerValue.Partly => "Delvist",
        _ => "Ikke relevant",
    };
}
