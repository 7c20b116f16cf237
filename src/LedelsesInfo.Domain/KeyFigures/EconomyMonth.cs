namespace LedelsesInfo.Domain;

/// <summary>
/// The economy of one unit, function and month in the snapshot of one as-of date, computed with the key figures: what was
/// paid (and of it, on activities), what was budgeted, and how many activities were active on the month's last day (by
/// their case's team, capped at the as-of date). The committee's and management's economy tables and the cross figures read
/// these, so no page sums raw payments, and the economy shown always belongs to the same snapshot as the figures beside it.
/// Payments and budget are at the unit they are booked to; months after the as-of date carry only budget (to the end of
/// the as-of date's year), for the year's forecast.
/// </summary>
public sealed class EconomyMonth
{
    public DateOnly AsOf { get; set; }
    public required string UnitId { get; set; }
    public required string Function { get; set; }
    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; set; }
    public decimal Spent { get; set; }
    public decimal SpentOnActivities { get; set; }
    public decimal Budget { get; set; }
    public int ActiveActivities { get; set; }
}
