using LedelsesInfo.Domain;

namespace LedelsesInfo.Web.Infrastructure;

public static class ImportStatusText
{
    public static string For(ImportStatus status) => status switch
    {
        ImportStatus.Running => "I gang",
        ImportStatus.Completed => "Gennemført",
        ImportStatus.PartlyApplied => "Gennemført med afviste rækker",
        ImportStatus.Refused => "Afvist",
        _ => status.ToString(),
    };
}
