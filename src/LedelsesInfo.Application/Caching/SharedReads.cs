namespace LedelsesInfo.Application.Caching;

/// <summary>
/// What many answers read alike at one data version, read once per version and kept in the <see cref="QueryCache"/>
/// under it: the snapshots and the periods each unit has, the org tree, the figures each audience sees, the targets, and
/// the handful of rows several pages sum the same way (the year's economy by unit, a team's deadlines and results).
/// A computed page then reads from the database only what is its own. The cached query's key is built from the same
/// reads (<see cref="ICachedQuery.CanonicalAsync"/>): <c>?quarter=1900-Q1</c> and no quarter at all are the same
/// answer, computed once. Everything kept here is shared between requests and threads, so it is never changed after
/// it is read. In the portal's own run of a page at start (<see cref="StartupRun"/>) nothing is kept.
/// Scoped: the version is the one the request read (<see cref="RequestVersions"/>).
/// </summary>
public sealed class SharedReads(IAppDbContext db, QueryCache cache, RequestVersions versions, StartupRun startup)
{
    /// <summary>A read kept under <paramref name="key"/> at the request's data version; computed at once, never behind a dashboard's computation.</summary>
    public ValueTask<T> GetAsync<T>(string key, Func<IAppDbContext, CancellationToken, Task<T>> read, CancellationToken ct) => KeptAsync(key, read, writing: false, ct);

    /// <summary>As <see cref="GetAsync"/>, for a read of what leaders write beside the figures: kept under both versions.</summary>
    public ValueTask<T> GetWritingAsync<T>(string key, Func<IAppDbContext, CancellationToken, Task<T>> read, CancellationToken ct) => KeptAsync(key, read, writing: true, ct);

    private async ValueTask<T> KeptAsync<T>(string key, Func<IAppDbContext, CancellationToken, Task<T>> read, bool writing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (startup.Active)
        {
            return await read(db, ct);
        }
        var both = await versions.ReadAsync(db, ct);
        var version = writing ? $"v{both.Data}w{both.Writing}" : $"v{both.Data}";
        return await cache.GetOrComputeAsync($"shared|{key}|{version}", async c => await read(db, c), ct, takesTurn: false);
    }

    /// <summary>
    /// The units and periods anything is written on: a note not withdrawn, or an expectation. Most pages have none, and
    /// they then read nothing more for their notes (<see cref="Features.Notes.GetFigureNotesHandler"/>).
    /// </summary>
    public ValueTask<IReadOnlySet<(string Unit, string Period)>> WrittenOnAsync(CancellationToken ct) =>
        GetWritingAsync("written-on", async (d, c) =>
        {
            var notes = await d.FigureNotes.AsNoTracking().Where(n => n.WithdrawnAt == null).Select(n => new { n.UnitId, n.Period }).Distinct().ToListAsync(c);
            var expected = await d.FigureExpectations.AsNoTracking().Select(e => new { e.UnitId, e.Period }).Distinct().ToListAsync(c);
            return (IReadOnlySet<(string, string)>)notes.Select(n => (n.UnitId, n.Period)).Concat(expected.Select(e => (e.UnitId, e.Period))).ToHashSet();
        }, ct);

    /// <summary>The snapshots' as-of dates, newest first (<see cref="Figures.SnapshotsAsync"/>).</summary>
    public ValueTask<IReadOnlyList<DateOnly>> SnapshotsAsync(CancellationToken ct) => GetAsync("snapshots", Figures.SnapshotsAsync, ct);

    /// <summary>The snapshot the handlers read: the one asked for if it exists, else the newest (<see cref="Figures.ResolveAsOfAsync"/>).</summary>
    public async ValueTask<DateOnly?> AsOfAsync(DateOnly? requested, CancellationToken ct)
    {
        var snapshots = await SnapshotsAsync(ct);
        return requested is { } r && snapshots.Contains(r) ? r : snapshots.Count > 0 ? snapshots[0] : null;
    }

    /// <summary>The periods of a kind a unit has in a snapshot, newest first (<see cref="Figures.PeriodsAsync"/>).</summary>
    public ValueTask<IReadOnlyList<string>> PeriodsAsync(DateOnly asOf, PeriodKind kind, string unitId, CancellationToken ct) =>
        GetAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"periods|{asOf:yyyy-MM-dd}|{kind}|{unitId}"),
            (d, c) => Figures.PeriodsAsync(d, asOf, kind, unitId, c), ct);

    /// <summary>The org tree: every unit by id.</summary>
    public ValueTask<IReadOnlyDictionary<string, OrgUnit>> UnitsAsync(CancellationToken ct) =>
        GetAsync("units", async (d, c) => (IReadOnlyDictionary<string, OrgUnit>)await d.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, c), ct);

    /// <summary>
    /// Every employee by id, with name, unit and role (the removed ones too: a deadline may still name one). A team's
    /// caseworkers and the names on its deadlines are then looked up, not read per page.
    /// </summary>
    public ValueTask<IReadOnlyDictionary<string, Person>> EmployeesAsync(CancellationToken ct) =>
        GetAsync("employees", async (d, c) => (IReadOnlyDictionary<string, Person>)await d.Employees.AsNoTracking()
            .Select(e => new Person(e.Id, e.Name, e.UnitId, e.Role)).ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, c), ct);

    /// <summary>Every employee's full-time equivalents (årsværk) in a month, by employee: one read per month, for every team's caseload.</summary>
    public ValueTask<IReadOnlyDictionary<string, decimal>> FteAsync(DateOnly month, CancellationToken ct) =>
        GetAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fte|{month:yyyy-MM-dd}"), async (d, c) => (IReadOnlyDictionary<string, decimal>)await d.HrMonths
            .AsNoTracking().Where(h => h.Month == month).ToDictionaryAsync(h => h.EmployeeId, h => h.Fte, StringComparer.Ordinal, c), ct);

    /// <summary>Whether a unit exists, so that an unknown unit in an address adds nothing to the cache.</summary>
    public async ValueTask<bool> IsUnitAsync(string unitId, CancellationToken ct) => (await UnitsAsync(ct)).ContainsKey(unitId);

    /// <summary>The municipality's unit (the tree's root), if there is one.</summary>
    public async ValueTask<OrgUnit?> MunicipalityAsync(CancellationToken ct) =>
        (await UnitsAsync(ct)).Values.Where(u => u.Level == UnitLevel.Municipality).OrderBy(u => u.Id, StringComparer.Ordinal).FirstOrDefault();

    public async ValueTask<string?> MunicipalityIdAsync(CancellationToken ct) => (await MunicipalityAsync(ct))?.Id;

    /// <summary>The units a user may see: their own and everything below it (<see cref="Features.Scope"/>).</summary>
    public ValueTask<IReadOnlySet<string>> VisibleUnitIdsAsync(ICurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        return GetAsync($"visible|{user.Audience}|{user.UnitId}", async (d, c) => (IReadOnlySet<string>)await Features.Scope.VisibleUnitIdsAsync(d, user, c), ct);
    }

    /// <summary>The figures switched on for an audience, in catalogue order (<see cref="Figures.EnabledAsync"/>).</summary>
    public ValueTask<IReadOnlyList<Kpi>> EnabledAsync(Audience audience, CancellationToken ct) =>
        GetAsync($"enabled|{audience}", (d, c) => Figures.EnabledAsync(d, audience, c), ct);

    /// <summary>
    /// The figures a page shows, as <see cref="Figures.ValuesAsync"/> reads them, picked from every unit's figures for each
    /// period (<see cref="PeriodValuesAsync"/>): every unit's page of a month, a week or a quarter reads the same few hundred
    /// values, so they are read once per period and version, and a unit's trend over 24 months reads 24 kept periods.
    /// </summary>
    public async ValueTask<Dictionary<(string Code, string Unit, string Period), KpiValue>> ValuesAsync(
        DateOnly asOf, IEnumerable<string> codes, IEnumerable<string> units, PeriodKind kind, IEnumerable<string> periods, CancellationToken ct)
    {
        var codeList = codes.Distinct().ToList();
        var unitList = units.Distinct().ToList();
        var values = new Dictionary<(string Code, string Unit, string Period), KpiValue>();
        foreach (var period in periods.Distinct())
        {
            var all = await PeriodValuesAsync(asOf, kind, period, ct);
            foreach (var unit in unitList)
            {
                foreach (var code in codeList)
                {
                    if (all.TryGetValue((code, unit), out var v))
                    {
                        values[(code, unit, period)] = new KpiValue { KpiCode = code, UnitId = unit, Period = period, PeriodKind = kind, AsOf = asOf, Numerator = v.Numerator, Denominator = v.Denominator };
                    }
                }
            }
        }
        return values;
    }

    /// <summary>Every unit's figures for one period of a snapshot, by code and unit: for a month about 700 numerators and denominators.</summary>
    public async ValueTask<IReadOnlyDictionary<(string Code, string Unit), (decimal Numerator, decimal? Denominator)>> PeriodValuesAsync(
        DateOnly asOf, PeriodKind kind, string period, CancellationToken ct)
    {
        var units = await UnitsAsync(ct);
        return await GetAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"values|{asOf:yyyy-MM-dd}|{kind}|{period}"), async (d, c) =>
        {
            // By unit, so that the read seeks the index on (as-of, unit, kind, period) once per unit.
            var unitIds = units.Keys.ToList();
            var rows = await d.KpiValues.AsNoTracking()
                .Where(v => v.AsOf == asOf && unitIds.Contains(v.UnitId) && v.PeriodKind == kind && v.Period == period)
                .Select(v => new { v.KpiCode, v.UnitId, v.Numerator, v.Denominator })
                .ToListAsync(c);
            return (IReadOnlyDictionary<(string, string), (decimal, decimal?)>)rows.ToDictionary(v => (v.KpiCode, v.UnitId), v => (v.Numerator, v.Denominator));
        }, ct);
    }

    /// <summary>Targets for one year, each unit its own or its nearest ancestor's (<see cref="KpiQueries.TargetsAsync"/>).</summary>
    public ValueTask<Func<string, string, decimal?>> TargetsAsync(int year, CancellationToken ct) =>
        GetAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"targets|{year}"), (d, c) => KpiQueries.TargetsAsync(d, year, c), ct);

    /// <summary>Targets for every year the periods fall in: code, unit and year to target; none for a year not among them (<see cref="KpiQueries.TargetsForYearsAsync"/>).</summary>
    public async ValueTask<Func<string, string, int, decimal?>> TargetsForYearsAsync(IEnumerable<string> periods, CancellationToken ct)
    {
        var byYear = new Dictionary<int, Func<string, string, decimal?>>();
        foreach (var year in periods.Select(Figures.YearOf).Distinct())
        {
            byYear[year] = await TargetsAsync(year, ct);
        }
        return (kpi, unit, year) => byYear.TryGetValue(year, out var target) ? target(kpi, unit) : null;
    }
}

/// <summary>An employee as the pages name them (<see cref="SharedReads.EmployeesAsync"/>).</summary>
public sealed record Person(string Id, string Name, string UnitId, EmployeeRole Role);
