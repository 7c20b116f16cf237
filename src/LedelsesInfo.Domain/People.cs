namespace LedelsesInfo.Domain;

public sealed class HrMonth
{
    public required string EmployeeId { get; set; }
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
    public decimal Fte { get; set; }
    public decimal HoursWorked { get; set; }
    public decimal OvertimeHours { get; set; }
    public decimal SickDays { get; set; }
}

public sealed class Goal
{
    public required string KpiCode { get; set; }
    public required string UnitId { get; set; }
    public int Year { get; set; }
    public decimal Target { get; set; }
}

public sealed class Population
{
    public required string UnitId { get; set; }
    public int Year { get; set; }
    public int Age0To17 { get; set; }
    public int Age0To22 { get; set; }
}
