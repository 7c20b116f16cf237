namespace LedelsesInfo.Application.Features.Catalogue;

/// <summary>An administrator sets whether an audience gets the weekly message (team leaders and caseworkers, who have worklists).</summary>
public sealed record UpdateWeeklyMessageSetting(Audience Audience, bool Enabled) : ICommand<bool>;

public sealed class UpdateWeeklyMessageSettingValidator : AbstractValidator<UpdateWeeklyMessageSetting>
{
    public UpdateWeeklyMessageSettingValidator() =>
        RuleFor(s => s.Audience).Must(a => a is Audience.TeamLeader or Audience.Caseworker).WithMessage("Kun teamledere og sagsbehandlere har en liste, den ugentlige besked kan føre til.");
}

public sealed class UpdateWeeklyMessageSettingHandler(IAppDbContext db) : ICommandHandler<UpdateWeeklyMessageSetting, bool>
{
    public async ValueTask<bool> Handle(UpdateWeeklyMessageSetting command, CancellationToken ct)
    {
        var setting = await db.WeeklyMessageSettings.FirstOrDefaultAsync(s => s.Audience == command.Audience, ct);
        if (setting is null)
        {
            db.WeeklyMessageSettings.Add(new WeeklyMessageSetting { Audience = command.Audience, Enabled = command.Enabled });
        }
        else
        {
            setting.Enabled = command.Enabled;
        }
        await db.SaveChangesAsync(ct);
        return command.Enabled;
    }
}

/// <summary>Which audiences get the weekly message.</summary>
public sealed record GetWeeklyMessageSettings : IQuery<IReadOnlyDictionary<Audience, bool>>;

public sealed class GetWeeklyMessageSettingsHandler(IAppDbContext db) : IQueryHandler<GetWeeklyMessageSettings, IReadOnlyDictionary<Audience, bool>>
{
    public async ValueTask<IReadOnlyDictionary<Audience, bool>> Handle(GetWeeklyMessageSettings query, CancellationToken ct) =>
        await db.WeeklyMessageSettings.AsNoTracking().ToDictionaryAsync(s => s.Audience, s => s.Enabled, ct);
}
