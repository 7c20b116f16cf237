namespace LedelsesInfo.Application.Features.Notes;

/// <summary>
/// What a leader expects of a figure for a unit and a period before its data arrive (docs/dashboards.md,
/// "Expectations"): a value, or a direction against the period before, or both, and why. Only for a period whose
/// figure has not come yet, and only by someone who may write on the unit; a refusal is logged.
/// </summary>
public sealed record SaveFigureExpectation(string? KpiCode, string? UnitId, string? Period, string? Value, string? Direction, string? Reason) : ICommand<long>;

public sealed class SaveFigureExpectationValidator : AbstractValidator<SaveFigureExpectation>
{
    public SaveFigureExpectationValidator()
    {
        RuleFor(e => e.KpiCode).Must(KpiCatalogue.Exists).WithMessage("Nøgletallet kendes ikke.");
        RuleFor(e => e.UnitId).NotEmpty().MaximumLength(64).WithMessage("Enheden kendes ikke.");
        RuleFor(e => e.Period).Must(NotePeriods.IsCalendar).WithMessage("Perioden kendes ikke (fx 2026-Q3, 2026-10 eller 2026-W43).");
        RuleFor(e => e).Must(e => !string.IsNullOrWhiteSpace(e.Value) || !string.IsNullOrEmpty(e.Direction)).WithName(nameof(SaveFigureExpectation.Value))
            .WithMessage("Skriv den værdi, I forventer, eller vælg om tallet vil stige, falde eller være uændret.");
        RuleFor(e => e.Direction).Must(d => string.IsNullOrEmpty(d) || Code<Heading>.TryParse(d, out _)).WithMessage("Vælg stige, falde eller uændret.");
        RuleFor(e => e.Value).Must(v => string.IsNullOrWhiteSpace(v) || DanishNumber.TryParse(v, out var n) && n >= 0 && n <= 1_000_000_000m)
            .WithMessage("Skriv den forventede værdi som et tal, fx 80 eller 72,5 (eller lad feltet stå tomt og vælg en retning).");
        RuleFor(e => e.Reason).NotEmpty().WithMessage("Skriv hvorfor I forventer det.")
            .MaximumLength(FigureNoteRules.MaxText).WithMessage($"Begrundelsen må højst være {FigureNoteRules.MaxText} tegn.")
            .Must(t => !ChildIds.LooksLikeCpr(t)).WithMessage("Begrundelsen ser ud til at indeholde et CPR-nummer. Skriv aldrig CPR-numre i portalen.");
    }
}

public sealed class SaveFigureExpectationHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<SaveFigureExpectation, long>
{
    public async ValueTask<long> Handle(SaveFigureExpectation command, CancellationToken ct)
    {
        var period = Periods.Parse(command.Period!);
        var kpi = KpiCatalogue.Get(command.KpiCode!);
        if (!await NoteAccess.MayWriteAsync(db, user, command.UnitId!, ct))
        {
            throw await AccessLog.DenyAsync(db, user, clock, SaveFigureNoteHandler.Page, null, $"at skrive forventninger til tallene for enheden {command.UnitId}", ct);
        }
        if (await db.KpiValues.AnyAsync(v => v.KpiCode == kpi.Code && v.UnitId == command.UnitId && v.PeriodKind == period.Kind && v.Period == period.Key, ct))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(SaveFigureExpectation.Period),
                $"Tallet for {Danish.Name(period)} er allerede kommet. En forventning skrives, før tallet kommer; skriv en bemærkning til tallet i stedet.")]);
        }
        var expectation = new FigureExpectation
        {
            KpiCode = kpi.Code, UnitId = command.UnitId!, PeriodKind = period.Kind, Period = period.Key, Value = DanishNumber.OrNull(command.Value),
            Direction = string.IsNullOrEmpty(command.Direction) ? null : Code<Heading>.Parse(command.Direction), Reason = command.Reason!.Trim(),
            WrittenBy = user.UserName, WrittenByEmployeeId = user.EmployeeId, WrittenAt = clock.Now,
        };
        db.FigureExpectations.Add(expectation);
        await db.SaveChangesAsync(ct);
        return expectation.Id;
    }
}

/// <summary>Which periods a note or an expectation is written for: the calendar periods, not the rolling windows.</summary>
public static class NotePeriods
{
    public static bool IsCalendar(string? key)
    {
        try
        {
            return key is not null && key.Length <= 12 && Periods.Parse(key).Kind is not (PeriodKind.Rolling3 or PeriodKind.Rolling12);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The period after <paramref name="key"/>, of the same kind: what an expectation is written for.</summary>
    public static string Next(string key)
    {
        var period = Periods.Parse(key);
        return Periods.Of(period.Kind, period.End.AddDays(1)).Key;
    }

    public static string Previous(string key)
    {
        var period = Periods.Parse(key);
        return Periods.Of(period.Kind, period.Start.AddDays(-1)).Key;
    }
}

/// <summary>Expectations as the pages show them, with the result beside each once its figure has come.</summary>
public static class Expectations
{
    public static async Task<IReadOnlyList<ExpectationView>> ViewsAsync(IAppDbContext db, IReadOnlyList<FigureExpectation> expectations,
        IReadOnlyDictionary<string, string> unitNames, CancellationToken ct)
    {
        if (expectations.Count == 0)
        {
            return [];
        }
        var asOf = await KpiQueries.LatestAsOfAsync(db, ct);
        var views = new List<ExpectationView>();
        foreach (var kind in expectations.GroupBy(e => e.PeriodKind))
        {
            var periods = kind.SelectMany(e => new[] { e.Period, NotePeriods.Previous(e.Period) }).Distinct().ToList();
            var values = asOf is { } day
                ? await Figures.ValuesAsync(db, day, kind.Select(e => e.KpiCode).Distinct(), kind.Select(e => e.UnitId).Distinct(), kind.Key, periods, ct)
                : [];
            foreach (var e in kind)
            {
                var kpi = KpiCatalogue.Get(e.KpiCode);
                decimal? ValueOf(string period) => Figures.Cell(kpi, e.UnitId, period, values.GetValueOrDefault((e.KpiCode, e.UnitId, period)), null, Disclosure.Internal).Value;
                views.Add(new ExpectationView(e.Id, kpi, e.UnitId, unitNames.GetValueOrDefault(e.UnitId, e.UnitId), e.Period,
                    Expected(kpi, e), e.Reason, e.WrittenBy, e.WrittenAt, Result(kpi, e, ValueOf(NotePeriods.Previous(e.Period)), ValueOf(e.Period))));
            }
        }
        // The period that has come first, with its result; then what is expected of the period ahead.
        return views.OrderBy(v => v.Period, StringComparer.Ordinal).ThenByDescending(v => v.WrittenAt).ToList();
    }

    /// <summary>"75,0 %", "at tallet vil stige i forhold til september 2026", or both.</summary>
    public static string Expected(Kpi kpi, FigureExpectation e)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(e);
        var previous = Danish.Name(Periods.Parse(NotePeriods.Previous(e.Period)));
        var direction = e.Direction is { } d ? $"at tallet vil {Danish.Verb(d)} i forhold til {previous}" : null;
        return (e.Value, direction) switch
        {
            ({ } v, { } text) => $"{KpiFormat.Number(kpi, v)} ({text})",
            ({ } v, null) => KpiFormat.Number(kpi, v),
            _ => direction!,
        };
    }

    /// <summary>The result beside the expectation, or null while the figure has not come: "71,0 %, 4,0 point under det forventede; steget fra 68,0 % i september 2026".</summary>
    public static string? Result(Kpi kpi, FigureExpectation e, decimal? previous, decimal? now)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(e);
        if (now is not { } n)
        {
            return null;
        }
        var parts = new List<string> { KpiFormat.Number(kpi, n) };
        if (e.Value is { } v)
        {
            var diff = Figures.Round1(n) - Figures.Round1(v);
            var unit = kpi.DifferenceUnit.Length > 0 ? " " + kpi.DifferenceUnit : "";
            parts[0] += diff == 0 ? ", som forventet" : $", {Math.Abs(diff).ToString("N1", System.Globalization.CultureInfo.GetCultureInfo("da-DK"))}{unit} {(diff > 0 ? "over" : "under")} det forventede";
        }
        if (e.Direction is { } d && FigureActionRules.HeadingOf(previous, n) is { } moved)
        {
            var previousName = Danish.Name(Periods.Parse(NotePeriods.Previous(e.Period)));
            var how = moved == Heading.Unchanged ? $"uændret fra {previousName}" : $"{Danish.Past(moved)} fra {KpiFormat.Number(kpi, previous)} i {previousName}";
            parts.Add(how + (moved == d ? ", som forventet" : ", ikke som forventet"));
        }
        return string.Join("; ", parts);
    }
}

/// <summary>What the form for an expectation shows: the figure, the unit and the period, for someone who may write on the unit.</summary>
public sealed record GetExpectationToWrite(string? KpiCode, string? UnitId, string? Period) : IQuery<ExpectationToWrite>;

public sealed record ExpectationToWrite(Kpi Kpi, string UnitId, string UnitName, string Period, string PreviousPeriod);

public sealed class GetExpectationToWriteValidator : AbstractValidator<GetExpectationToWrite>
{
    public GetExpectationToWriteValidator()
    {
        RuleFor(q => q.KpiCode).Must(KpiCatalogue.Exists).WithMessage("Nøgletallet kendes ikke.");
        RuleFor(q => q.UnitId).NotEmpty().MaximumLength(64).WithMessage("Enheden kendes ikke.");
        RuleFor(q => q.Period).Must(NotePeriods.IsCalendar).WithMessage("Perioden kendes ikke.");
    }
}

public sealed class GetExpectationToWriteHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetExpectationToWrite, ExpectationToWrite>
{
    public async ValueTask<ExpectationToWrite> Handle(GetExpectationToWrite query, CancellationToken ct)
    {
        if (!await NoteAccess.MayWriteAsync(db, user, query.UnitId!, ct))
        {
            throw await AccessLog.DenyAsync(db, user, clock, SaveFigureNoteHandler.Page, null, $"at skrive forventninger til tallene for enheden {query.UnitId}", ct);
        }
        var unitName = await db.OrgUnits.AsNoTracking().Where(u => u.Id == query.UnitId).Select(u => u.Name).FirstAsync(ct);
        var period = Periods.Parse(query.Period!).Key;
        return new ExpectationToWrite(KpiCatalogue.Get(query.KpiCode!), query.UnitId!, unitName, period, NotePeriods.Previous(period));
    }
}
