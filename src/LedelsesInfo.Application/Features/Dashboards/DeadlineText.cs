using LedelsesInfo.Domain;

namespace LedelsesInfo.Application.Features.Dashboards;

public static class DeadlineText
{
    public static string Kind(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Assessment => "Vurdering inden for 24 timer",
        DeadlineKind.Receipt => "Kvittering til fagperson",
        DeadlineKind.Examination => "Børnefaglig undersøgelse",
        DeadlineKind.ChildPlan => "Barnets plan",
        DeadlineKind.FollowUp => "Opfølgning",
        DeadlineKind.SupervisoryVisit => "Tilsynsbesøg",
        _ => kind.ToString(),
    };

    public static string State(DeadlineState state) => state switch
    {
        DeadlineState.Met => "Overholdt",
        DeadlineState.Late => "Overholdt for sent",
        DeadlineState.Overdue => "Overskredet",
        DeadlineState.DueSoon => "Inden for 14 dage",
        DeadlineState.Pending => "Senere",
        _ => state.ToString(),
    };

    public static string Days(DateOnly due, DateOnly day)
    {
        var days = due.DayNumber - day.DayNumber;
        return days switch
        {
            < -1 => $"{-days} dage over",
            -1 => "1 dag over",
            0 => "i dag",
            1 => "1 dag tilbage",
            _ => $"{days} dage tilbage",
        };
    }

    public static string Measure(ActivityKind kind) => ActivityKinds.DanishName(kind);
}
