using LedelsesInfo.Domain;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>Status as a badge: the words carry the meaning, the colour and the symbol only repeat it.</summary>
public static class StatusBadge
{
    public static string CssClass(TargetStatus status) => status switch
    {
        TargetStatus.Green => "status status--green",
        TargetStatus.Yellow => "status status--yellow",
        TargetStatus.Red => "status status--red",
        _ => "status status--none",
    };

    public static string Symbol(TargetStatus status) => status switch
    {
        TargetStatus.Green => "✓",
        TargetStatus.Yellow => "!",
        TargetStatus.Red => "✕",
        _ => "–",
    };
}
