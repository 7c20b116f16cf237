namespace LedelsesInfo.Application.Abstractions;

/// <summary>The signed-in user as the handlers scope rows by: an employee in an org unit with one audience.</summary>
public interface ICurrentUser
{
    string UserName { get; }
    string? EmployeeId { get; }
    string? UnitId { get; }
    Audience Audience { get; }
}

public interface IClock
{
    DateTime Now { get; }
    DateOnly Today => DateOnly.FromDateTime(Now);
}

/// <summary>Danish local time, whatever the server's zone.</summary>
public sealed class DanishClock : IClock
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>For code outside the container (the engine's "today", the CLI, tests), as the interface whose <see cref="IClock.Today"/> it has.</summary>
    public static IClock Instance { get; } = new DanishClock();

    public DateTime Now => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone);
}
