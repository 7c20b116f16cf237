namespace LedelsesInfo.Application.Features.Catalogue;

/// <summary>Changes one cell of the matrix; dashboards follow it at once.</summary>
public sealed record UpdateAudienceSetting(Audience Audience, string KpiCode, bool Enabled, PeriodKind Cadence, UnitLevel Grain) : ICommand<bool>;

public sealed class UpdateAudienceSettingValidator : AbstractValidator<UpdateAudienceSetting>
{
    public UpdateAudienceSettingValidator()
    {
        RuleFor(c => c.Cadence).IsInEnum().WithMessage("Vælg en hyppighed fra listen.");
        RuleFor(c => c.Grain).IsInEnum().WithMessage("Vælg et niveau fra listen.");
        RuleFor(c => c.KpiCode).Must(KpiCatalogue.Exists).WithMessage("Nøgletallet findes ikke i kataloget.");
        RuleFor(c => c.Audience).Must(a => a != Audience.Administrator).WithMessage("Administratorer er ikke en modtagergruppe.");
        RuleFor(c => c.Grain).Must(g => g != UnitLevel.Team).When(c => c.Audience == Audience.Committee)
            .WithMessage("Fagudvalget ser ikke tal for enkelte teams; vælg kommune, forvaltning eller afdeling.");
        RuleFor(c => c.Grain).Equal(UnitLevel.Team).When(c => c.Audience is Audience.TeamLeader or Audience.Caseworker)
            .WithMessage("Teamledere og sagsbehandlere ser tal for deres eget team.");
        RuleFor(c => c.Cadence).Must(p => p != PeriodKind.Week).When(c => c.Audience == Audience.Committee)
            .WithMessage("Fagudvalget får ikke ugetal; vælg måned, kvartal eller år.");
    }
}

public sealed class UpdateAudienceSettingHandler(IAppDbContext db) : ICommandHandler<UpdateAudienceSetting, bool>
{
    public async ValueTask<bool> Handle(UpdateAudienceSetting command, CancellationToken cancellationToken)
    {
        var setting = await db.AudienceSettings.SingleOrDefaultAsync(s => s.Audience == command.Audience && s.KpiCode == command.KpiCode, cancellationToken);
        if (setting is null)
        {
            setting = new AudienceSetting { Audience = command.Audience, KpiCode = command.KpiCode };
            db.AudienceSettings.Add(setting);
        }
        setting.Enabled = command.Enabled;
        setting.Cadence = command.Cadence;
        setting.Grain = command.Grain;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
