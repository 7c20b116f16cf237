namespace LedelsesInfo.Application.Features.Worklists;

/// <summary>Whether the signed-in person gets the weekly message, and whether their audience gets it at all.</summary>
public sealed record MyWeeklyMessage(bool AudienceGetsIt, bool On, string? Address);

/// <summary>The signed-in person's own setting for the weekly message.</summary>
public sealed record GetMyWeeklyMessage : IQuery<MyWeeklyMessage>;

public sealed class GetMyWeeklyMessageHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetMyWeeklyMessage, MyWeeklyMessage>
{
    public async ValueTask<MyWeeklyMessage> Handle(GetMyWeeklyMessage query, CancellationToken ct)
    {
        var audience = await db.WeeklyMessageSettings.AsNoTracking().AnyAsync(s => s.Audience == user.Audience && s.Enabled, ct);
        var me = user.EmployeeId;
        var optedOut = me is not null && await db.WeeklyMessageOptOuts.AnyAsync(o => o.EmployeeId == me, ct);
        var address = me is null ? null : await db.Employees.AsNoTracking().Where(e => e.Id == me).Select(e => e.Login).FirstOrDefaultAsync(ct);
        return new MyWeeklyMessage(audience, !optedOut, address);
    }
}

/// <summary>The signed-in person turns their weekly message on or off (only their own).</summary>
public sealed record SetMyWeeklyMessage(bool On) : ICommand<bool>;

public sealed class SetMyWeeklyMessageHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<SetMyWeeklyMessage, bool>
{
    public async ValueTask<bool> Handle(SetMyWeeklyMessage command, CancellationToken ct)
    {
        if (user.EmployeeId is not { } me)
        {
            throw new ValidationException("Kun medarbejdere i medarbejderfilen kan få den ugentlige besked.");
        }
        var existing = await db.WeeklyMessageOptOuts.FirstOrDefaultAsync(o => o.EmployeeId == me, ct);
        if (command.On && existing is not null)
        {
            db.WeeklyMessageOptOuts.Remove(existing);
        }
        else if (!command.On && existing is null)
        {
            db.WeeklyMessageOptOuts.Add(new WeeklyMessageOptOut { EmployeeId = me, At = clock.Now });
        }
        await db.SaveChangesAsync(ct);
        return command.On;
    }
}
