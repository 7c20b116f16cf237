using System.Globalization;
using System.Text;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.DemoData;

public sealed record GenerationSummary(string Folder, DateOnly From, DateOnly To, IReadOnlyDictionary<string, int> RowsPerFile);

/// <summary>
/// Writes a deterministic, realistic municipality as the import files of docs/formats.md. The same profile,
/// seed and end date give the same bytes. Compliance is drawn around the national figures of Ankestyrelsen's
/// Børnesagsbarometer (BFU within 4 months about half the time, follow-ups about three quarters), and each
/// team has its own workload, quality, sickness and overtime, so the teams differ the way real ones do.
/// </summary>
public sealed class DemoGenerator(DemoProfile profile, int seed, DateOnly to)
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");
    private readonly Random _rng = new(seed);

    /// <summary>
    /// The results for the children (goal attainment, why a measure ended, re-notifications) draw from their own generator,
    /// so adding them left every other figure of the demo as it was.
    /// </summary>
    private readonly Random _outcomes = new(seed + 21);

    /// <summary>Children whose case has closed, with the day, for re-notifications (E3).</summary>
    private readonly List<(string ChildId, DateOnly ClosedOn)> _closed = [];
    private readonly DateOnly _from = new DateOnly(to.Year, to.Month, 1).AddMonths(1).AddYears(-profile.Years);
    private readonly List<Team> _teams = [];
    private readonly List<string[]> _units = [];
    private readonly List<EmployeeRow> _employees = [];
    private int _nextCase, _nextChild, _nextNotification, _nextExamination, _nextActivity, _nextPayment;

    /// <summary>The default end date: the last day of the month before <paramref name="today"/>.</summary>
    public static DateOnly DefaultTo(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddDays(-1);

    public GenerationSummary WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var rows = new Dictionary<string, int>();
        BuildOrganisation();

        using (var w = new CsvOut(folder, "organisation", rows, "unit_id", "parent_id", "name", "level"))
        {
            _units.ForEach(u => w.Row(u));
        }
        using (var w = new CsvOut(folder, "employees", rows, "employee_id", "name", "unit_id", "role", "login"))
        {
            foreach (var e in _employees)
            {
                w.Row(e.Id, e.Name, e.UnitId, Code<EmployeeRole>.Of(e.Role), e.Login);
            }
        }
        WritePopulationAndGoals(folder, rows);

        using var cases = new CsvOut(folder, "cases", rows, "case_id", "child_id", "birth_date", "team_id", "caseworker_id", "opened_on", "closed_on");
        using var notifications = new CsvOut(folder, "notifications", rows, "notification_id", "unit_id", "child_id", "case_id", "received_at", "assessed_at", "professional", "receipt_sent_on");
        using var examinations = new CsvOut(folder, "examinations", rows, "examination_id", "case_id", "kind", "aware_on", "completed_on");
        using var activities = new CsvOut(folder, "activities", rows, "activity_id", "case_id", "paragraph", "kind", "function", "provider", "decided_on", "start_on", "end_on", "monthly_price", "end_reason");
        using var events = new CsvOut(folder, "activity_events", rows, "activity_id", "event", "occurred_on", "next_followup_months", "goal_attained");
        using var payments = new CsvOut(folder, "payments", rows, "payment_id", "unit_id", "function", "activity_id", "posted_on", "amount");
        var spend = new Dictionary<(string Team, string Function, int Year), decimal>();
        var writers = new Writers(cases, notifications, examinations, activities, events, payments, spend);

        // The stock of cases already open when the history starts, then new cases month by month.
        var openAtStart = (int)Math.Round(6000 * profile.Scale);
        for (var i = 0; i < openAtStart; i++)
        {
            var opened = _from.AddDays(-_rng.Next(1, 6 * 365));
            NewCase(opened, writers, inWindow: false);
        }
        for (var month = _from; month <= to; month = month.AddMonths(1))
        {
            var season = Season(month.Month);
            var newCases = Poisson(200 * profile.Scale * season);
            for (var i = 0; i < newCases; i++)
            {
                var opened = month.AddDays(_rng.Next(DateTime.DaysInMonth(month.Year, month.Month)));
                if (opened <= to)
                {
                    NewCase(opened, writers, inWindow: true);
                }
            }
            // Notifications that lead to no new case: about 12,000 a year in all at large scale.
            var others = Poisson(800 * profile.Scale * season);
            for (var i = 0; i < others; i++)
            {
                var team = PickTeam();
                var received = month.AddDays(_rng.Next(DateTime.DaysInMonth(month.Year, month.Month)));
                if (received <= to)
                {
                    var child = $"B{++_nextChild:D7}";
                    // About one in eight concerns a child whose case closed in the year before: a re-notification (E3).
                    if (_outcomes.NextDouble() < 0.12 && _closed.Count > 0)
                    {
                        for (var tries = 0; tries < 6; tries++)
                        {
                            var (closedChild, closedOn) = _closed[_outcomes.Next(_closed.Count)];
                            if (closedOn < received && closedOn >= received.AddDays(-365))
                            {
                                child = closedChild;
                                break;
                            }
                        }
                    }
                    WriteNotification(writers.Notifications, team, child, null, received);
                }
            }
        }
        WriteBudget(folder, rows, spend);
        WriteHr(folder, rows);
        return new GenerationSummary(folder, _from, to, rows);
    }

    private sealed record Writers(CsvOut Cases, CsvOut Notifications, CsvOut Examinations, CsvOut Activities, CsvOut Events, CsvOut Payments,
        Dictionary<(string Team, string Function, int Year), decimal> Spend);

    private sealed record EmployeeRow(string Id, string Name, string UnitId, EmployeeRole Role, string Login, decimal Fte);

    /// <summary>A team's character: how much it gets, how well it keeps deadlines, how sick and stretched it is.</summary>
    private sealed class Team(string id, double workload, double quality, double sickness, double overtime, double budgetFactor)
    {
        public string Id { get; } = id;
        public double Workload { get; } = workload;
        public double Quality { get; } = quality;
        public double Sickness { get; } = sickness;
        public double Overtime { get; } = overtime;
        public double BudgetFactor { get; } = budgetFactor;
        public List<(string Id, double Weight)> Caseworkers { get; } = [];
    }

    private void BuildOrganisation()
    {
        var municipality = profile.Scale >= 1 ? "Storby Kommune" : "Demo Kommune";
        _units.Add(["K", "", municipality, "kommune"]);
        var employee = 0;
        string NextEmployee() => $"M{++employee:D4}";
        var usedLogins = new HashSet<string>();

        EmployeeRow Person(string unitId, EmployeeRole role)
        {
            var first = Names.First[_rng.Next(Names.First.Length)];
            var last = Names.Last[_rng.Next(Names.Last.Length)];
            var login = Ascii($"{first}.{last}").ToLowerInvariant();
            var candidate = login;
            for (var n = 2; !usedLogins.Add(candidate); n++)
            {
                candidate = $"{login}{n}";
            }
            var fte = _rng.NextDouble() switch { < 0.78 => 1.0m, < 0.88 => 0.9m, < 0.96 => 0.8m, _ => 0.74m };
            var row = new EmployeeRow(NextEmployee(), $"{first} {last}", unitId, role, $"{candidate}@{Ascii(municipality.Split(' ')[0]).ToLowerInvariant()}.dk", fte);
            _employees.Add(row);
            return row;
        }

        for (var n = 0; n < 5; n++)
        {
            Person("K", EmployeeRole.Committee);
        }
        Person("K", EmployeeRole.Administrator);
        for (var d = 0; d < profile.Departments; d++)
        {
            var deptId = DepartmentId(d);
            _units.Add([deptId, "K", $"Børn og Familie {Names.Departments[d % Names.Departments.Length]}", "forvaltning"]);
            Person(deptId, EmployeeRole.Director);
            for (var a = 0; a < profile.AreasPerDepartment; a++)
            {
                var areaId = $"{deptId}A{a + 1}";
                _units.Add([areaId, deptId, $"{Names.Areas[a % Names.Areas.Length]} {Names.Departments[d % Names.Departments.Length]}", "afdeling"]);
                Person(areaId, EmployeeRole.Leader);
                for (var t = 0; t < profile.TeamsPerArea; t++)
                {
                    var teamId = $"{areaId}T{t + 1}";
                    _units.Add([teamId, areaId, $"Team {Names.Departments[d % Names.Departments.Length]} {a + 1}.{t + 1}", "team"]);
                    var team = new Team(teamId,
                        workload: 0.7 + (_rng.NextDouble() * 0.7),
                        quality: -0.18 + (_rng.NextDouble() * 0.28),
                        sickness: 0.6 + (_rng.NextDouble() * 0.9),
                        overtime: 0.4 + (_rng.NextDouble() * 1.4),
                        budgetFactor: 0.88 + (_rng.NextDouble() * 0.2));
                    _teams.Add(team);
                    Person(teamId, EmployeeRole.TeamLeader);
                    var count = Math.Max(2, profile.CaseworkersPerTeam + _rng.Next(-1, 2));
                    for (var c = 0; c < count; c++)
                    {
                        team.Caseworkers.Add((Person(teamId, EmployeeRole.Caseworker).Id, 0.8 + (_rng.NextDouble() * 0.5)));
                    }
                }
            }
        }
    }

    private void NewCase(DateOnly opened, Writers w, bool inWindow)
    {
        var team = PickTeam();
        var caseId = $"S{++_nextCase:D7}";
        var childId = $"B{++_nextChild:D7}";
        var age = _rng.NextDouble() switch { < 0.15 => _rng.Next(0, 3), < 0.45 => _rng.Next(3, 10), < 0.9 => _rng.Next(10, 16), _ => _rng.Next(16, 18) };
        var birth = opened.AddDays(-(age * 365) - _rng.Next(365));
        // A case closes when the child turns 18, or at 23 for the young people who keep support after 18 (efterværn).
        var leaves = birth.AddYears(_rng.NextDouble() < 0.15 ? 23 : 18).AddDays(-1);
        var caseworker = Weighted(team.Caseworkers);

        if (inWindow)
        {
            var received = opened.AddDays(-_rng.Next(0, 20));
            WriteNotification(w.Notifications, team, childId, caseId, received < _from ? _from : received);
            WriteExamination(w.Examinations, team, caseId, opened);
        }

        // Activities follow one another through the life of the case.
        var decided = opened.AddDays(_rng.Next(30, 150));
        var caseEnd = opened;
        var measures = 1 + (_rng.NextDouble() < 0.45 ? 1 : 0) + (_rng.NextDouble() < 0.15 ? 1 : 0);
        for (var m = 0; m < measures && decided <= to && decided < leaves; m++)
        {
            var end = WriteActivity(w, team, caseId, decided, leaves, birth);
            caseEnd = end is { } e && e > caseEnd ? e : end is null ? to.AddYears(1) : caseEnd;
            if (end is null)
            {
                break;
            }
            // Often the next measure overlaps the last one (family treatment beside a contact person).
            decided = _rng.NextDouble() < 0.35 ? decided.AddDays(_rng.Next(20, 120)) : end.Value.AddDays(_rng.Next(-30, 120));
        }
        DateOnly? closed = caseEnd < to && _rng.NextDouble() < 0.9 ? caseEnd.AddDays(_rng.Next(5, 60)) : null;
        if (leaves <= to && (closed is null || closed > leaves))
        {
            closed = leaves < caseEnd ? caseEnd : leaves; // the measures end by then (WriteActivity), so the case closes with them
        }
        if (closed > to)
        {
            closed = null;
        }
        w.Cases.Row(caseId, childId, D(birth), team.Id, caseworker, D(opened), D(closed));
        if (closed is { } c)
        {
            _closed.Add((childId, c));
        }
    }

    private void WriteNotification(CsvOut w, Team team, string childId, string? caseId, DateOnly day)
    {
        // Most arrive in office hours; some in the evening or at night from the police or the emergency room.
        var hour = _rng.NextDouble() < 0.85 ? _rng.Next(8, 16) : _rng.Next(0, 24);
        var received = day.ToDateTime(new TimeOnly(hour, _rng.Next(60)));
        var professional = _rng.NextDouble() < 0.72;
        var r = _rng.NextDouble() - team.Quality;
        DateTime? assessed = r switch
        {
            < 0.82 => received.AddMinutes(_rng.Next(20, 24 * 60)),
            < 0.96 => received.AddHours(_rng.Next(25, 96)),
            _ => received.AddDays(_rng.Next(4, 30)),
        };
        DateOnly? receipt = null;
        if (professional)
        {
            var deadline = DanishCalendar.AddWorkingDays(day, 6);
            var q = _rng.NextDouble() - team.Quality;
            receipt = q switch
            {
                < 0.74 => DanishCalendar.AddWorkingDays(day, _rng.Next(1, 7)),
                < 0.92 => deadline.AddDays(_rng.Next(1, 20)),
                _ => null,
            };
        }
        var cut = to.ToDateTime(new TimeOnly(23, 59));
        w.Row($"U{++_nextNotification:D7}", team.Id, childId, caseId, T(received), assessed <= cut ? T(assessed) : null,
            professional ? "ja" : "nej", receipt <= to ? D(receipt) : null);
    }

    private void WriteExamination(CsvOut w, Team team, string caseId, DateOnly aware)
    {
        var bfu = _rng.NextDouble() < 0.7;
        DateOnly? completed;
        if (bfu)
        {
            var deadline = aware.AddMonths(4);
            var r = _rng.NextDouble() - team.Quality;
            completed = r switch
            {
                < 0.5 => aware.AddDays(_rng.Next(35, deadline.DayNumber - aware.DayNumber + 1)),
                < 0.98 => deadline.AddDays(_rng.Next(1, 110)),
                _ => deadline.AddDays(_rng.Next(110, 300)),
            };
        }
        else
        {
            completed = aware.AddDays(_rng.NextDouble() < 0.97 ? _rng.Next(10, 70) : _rng.Next(70, 200));
        }
        w.Row($"BU{++_nextExamination:D6}", caseId, bfu ? "bfu" : "afdaekning", D(aware), completed <= to ? D(completed) : null);
    }

    /// <summary>Writes one activity with its events and payments; returns its end date, or null while it runs on.</summary>
    private DateOnly? WriteActivity(Writers w, Team team, string caseId, DateOnly decided, DateOnly leaves, DateOnly birth)
    {
        var kind = _rng.NextDouble() switch
        {
            // About a quarter of children with a measure are placed, 63 % of them in foster families (2023).
            < 0.70 => ActivityKind.Preventive,
            < 0.80 => ActivityKind.FosterFamily,
            < 0.825 => ActivityKind.NetworkFosterFamily,
            < 0.855 => ActivityKind.ResidentialHome,
            < 0.89 => ActivityKind.Institution,
            < 0.893 => ActivityKind.Secure,
            _ => ActivityKind.Other,
        };
        var placement = ActivityKinds.IsPlacement(kind);
        var (function, low, high) = kind switch
        {
            ActivityKind.Preventive => (Functions.Preventive, 4_000, 25_000),
            ActivityKind.FosterFamily => (Functions.FosterFamilies, 30_000, 46_000),
            ActivityKind.NetworkFosterFamily => (Functions.FosterFamilies, 14_000, 24_000),
            ActivityKind.ResidentialHome => (Functions.ResidentialHomes, 55_000, 95_000),
            ActivityKind.Institution => (Functions.Institutions, 75_000, 125_000),
            ActivityKind.Secure => (Functions.SecureInstitutions, 150_000, 210_000),
            _ => (Functions.SpecialClubs, 2_000, 9_000),
        };
        var paragraph = kind switch
        {
            ActivityKind.Preventive => _rng.NextDouble() < 0.8 ? "§32" : "§35",
            ActivityKind.Other => "§32",
            _ => _rng.NextDouble() < 0.88 ? "§46" : "§47",
        };
        var start = decided.AddDays(_rng.Next(0, 22));
        var months = placement ? _rng.Next(8, 60) : _rng.Next(4, 24);
        DateOnly? end = start.AddMonths(months).AddDays(-1);
        if (end > leaves)
        {
            end = leaves < start ? start : leaves;
        }
        if (end > to)
        {
            end = null;
        }
        var price = Math.Round((decimal)(low + (_rng.NextDouble() * (high - low))), 0);
        var id = $"I{++_nextActivity:D7}";
        w.Activities.Row(id, caseId, paragraph, Code<ActivityKind>.Of(kind), function, Names.Providers[_rng.Next(Names.Providers.Length)],
            D(decided), D(start), D(end), Money(price), end is { } ended ? EndReasonOf(placement, ended, leaves, birth) : null);

        var last = end ?? to;
        // The child's views: before the decision in about two cases of three (Børnesagsbarometer 2024: 65 %).
        var views = _rng.NextDouble();
        if (views < 0.65)
        {
            w.Events.Row(id, "barnets_synspunkter", D(decided.AddDays(-_rng.Next(1, 25))), null, null);
        }
        else if (views < 0.85 && decided.AddDays(10) <= to)
        {
            w.Events.Row(id, "barnets_synspunkter", D(decided.AddDays(_rng.Next(3, 30)) is var v && v <= to ? v : to), null, null);
        }
        if (placement || _rng.NextDouble() < 0.3)
        {
            var deadline = decided.AddMonths(3);
            var r = _rng.NextDouble() - team.Quality;
            DateOnly? plan = r switch
            {
                < 0.7 => decided.AddDays(_rng.Next(15, deadline.DayNumber - decided.DayNumber + 1)),
                < 0.92 => deadline.AddDays(_rng.Next(1, 70)),
                _ => deadline.AddDays(_rng.Next(70, 250)), // badly late; still missing if that is after the end date
            };
            if (plan <= to)
            {
                w.Events.Row(id, "plan", D(plan), null, null);
            }
        }
        Chain(w.Events, team, id, "opfoelgning", start.AddMonths(3), last, onTime: 0.75, withCadence: true);
        if (placement)
        {
            Chain(w.Events, team, id, "tilsynsbesoeg", start.AddMonths(6), last, onTime: 0.8, withCadence: false);
        }
        WritePayments(w, team, id, kind, function, price, start, last);
        return end;
    }

    /// <summary>
    /// Why a measure ended: at the age limit when it ends then; a placement breaks down in about one of ten, more often for
    /// teenagers than for small children; a few children move; a few ended placements have no reason (the data-quality list).
    /// </summary>
    private string? EndReasonOf(bool placement, DateOnly end, DateOnly leaves, DateOnly birth)
    {
        if (end >= leaves)
        {
            return Code<EndReason>.Of(EndReason.CameOfAge);
        }
        var r = _outcomes.NextDouble();
        var teenager = end.Year - birth.Year >= 13;
        var breakdown = placement ? (teenager ? 0.14 : 0.05) : 0.02;
        return r switch
        {
            _ when r < breakdown => Code<EndReason>.Of(EndReason.Breakdown),
            _ when r < breakdown + 0.05 => Code<EndReason>.Of(EndReason.Moved),
            _ when r < breakdown + 0.08 => Code<EndReason>.Of(EndReason.Other),
            _ when placement && r > 0.98 => null,
            _ => Code<EndReason>.Of(EndReason.Planned),
        };
    }

    /// <summary>A follow-up's assessment of the measure's goal: reached in under half, partly in about a third, and now and then not assessed.</summary>
    private string? GoalOf(Team team)
    {
        if (_outcomes.NextDouble() < 0.12)
        {
            return null;
        }
        var r = _outcomes.NextDouble() - (team.Quality * 0.5);
        return r < 0.44 ? Code<GoalAttained>.Of(GoalAttained.Yes) : r < 0.78 ? Code<GoalAttained>.Of(GoalAttained.Partly) : Code<GoalAttained>.Of(GoalAttained.No);
    }

    /// <summary>A chain of follow-ups or supervisory visits: each answers one deadline and sets the next.</summary>
    private void Chain(CsvOut w, Team team, string activityId, string kind, DateOnly deadline, DateOnly last, double onTime, bool withCadence)
    {
        var previous = DateOnly.MinValue;
        while (deadline <= last)
        {
            var r = _rng.NextDouble() - team.Quality;
            DateOnly done;
            if (r < onTime)
            {
                done = deadline.AddDays(-_rng.Next(0, 40));
            }
            else if (r < 0.97)
            {
                done = deadline.AddDays(_rng.Next(1, 75));
            }
            else
            {
                done = deadline.AddDays(_rng.Next(75, 240)); // badly late, but done in the end
            }
            if (done <= previous)
            {
                done = previous.AddDays(1);
            }
            if (done > to)
            {
                return; // not done by the end date: overdue now, by days, weeks or (rarely) months
            }
            // A follow-up late past the measure's end is still made (the closing follow-up), so no old deadline stays open.
            int? cadence = null;
            if (withCadence)
            {
                cadence = _rng.NextDouble() switch { < 0.3 => 3, < 0.8 => 6, < 0.98 => 12, _ => null };
            }
            w.Row(activityId, kind, D(done), cadence?.ToString(CultureInfo.InvariantCulture), withCadence ? GoalOf(team) : null);
            if (withCadence && cadence is null)
            {
                return; // no cadence set: the chain ends and the activity goes on the data-quality list
            }
            previous = done;
            deadline = done.AddMonths(cadence ?? 6);
        }
    }

    private void WritePayments(Writers w, Team team, string activityId, ActivityKind kind, string function, decimal price, DateOnly start, DateOnly last)
    {
        var first = start < _from ? _from : new DateOnly(start.Year, start.Month, 1);
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var activeFrom = start > month ? start : month;
            var activeTo = last < monthEnd ? last : monthEnd;
            var share = (decimal)(activeTo.DayNumber - activeFrom.DayNumber + 1) / (monthEnd.DayNumber - month.DayNumber + 1);
            var amount = Math.Round(price * share * (decimal)(0.97 + (_rng.NextDouble() * 0.06)), 2);
            var posted = DanishCalendar.AddWorkingDays(month.AddDays(-1), 1 + _rng.Next(0, 8));
            if (posted > to)
            {
                break;
            }
            if (ActivityKinds.IsPlacement(kind))
            {
                // Placements are paid as a fee and a separate line for expenses (omkostningsdækning).
                var fee = Math.Round(amount * 0.8m, 2);
                Pay(w, team, function, activityId, posted, fee);
                Pay(w, team, function, activityId, posted, amount - fee);
            }
            else
            {
                Pay(w, team, function, activityId, posted, amount);
            }
            if (_rng.NextDouble() < 0.015)
            {
                // A correction: part of the month is paid back.
                Pay(w, team, function, activityId, posted.AddDays(_rng.Next(5, 20)) is var c && c <= to ? c : posted, -Math.Round(amount * (decimal)_rng.NextDouble() * 0.5m, 2));
            }
        }
    }

    private void Pay(Writers w, Team team, string function, string? activityId, DateOnly posted, decimal amount)
    {
        w.Payments.Row($"P{++_nextPayment:D8}", team.Id, function, activityId, D(posted), Money(amount));
        var key = (team.Id, function, posted.Year);
        w.Spend[key] = w.Spend.GetValueOrDefault(key) + amount;
    }

    private void WriteBudget(string folder, Dictionary<string, int> rows, Dictionary<(string Team, string Function, int Year), decimal> spend)
    {
        using var w = new CsvOut(folder, "budget", rows, "unit_id", "function", "month", "amount");
        foreach (var team in _teams)
        {
            for (var year = _from.Year; year <= to.Year; year++)
            {
                // Budgeted from what the year actually costs, scaled up for a year that has not ended, times the
                // team's own budget discipline: some teams overspend, some are generously budgeted.
                var monthsKnown = year == to.Year ? to.Month : 12;
                var monthsFrom = year == _from.Year ? _from.Month : 1;
                foreach (var function in Functions.All)
                {
                    var spent = spend.GetValueOrDefault((team.Id, function, year));
                    if (spent <= 0)
                    {
                        continue;
                    }
                    var monthly = spent / (monthsKnown - monthsFrom + 1) * (decimal)team.BudgetFactor;
                    for (var month = monthsFrom; month <= 12; month++)
                    {
                        w.Row(team.Id, function, $"{year:D4}-{month:D2}", Money(Math.Round(monthly * (decimal)(0.97 + (_rng.NextDouble() * 0.06)), 0)));
                    }
                }
            }
        }
    }

    private void WriteHr(string folder, Dictionary<string, int> rows)
    {
        var teamOf = _teams.ToDictionary(t => t.Id);
        using var w = new CsvOut(folder, "hr", rows, "employee_id", "month", "fte", "hours_worked", "overtime_hours", "sick_days");
        // Politicians are not on the administration's payroll: the committee members get no HR rows.
        foreach (var e in _employees.Where(e => e.Role != EmployeeRole.Committee))
        {
            var team = teamOf.GetValueOrDefault(e.UnitId);
            var sickness = team?.Sickness ?? 0.8;
            var overtimeFactor = team?.Overtime ?? 0.8;
            for (var month = _from; month <= to; month = month.AddMonths(1))
            {
                // About 16 sick days per FTE-year on average, with the odd month of long-term absence.
                var sick = _rng.NextDouble() < 0.02 * sickness ? _rng.Next(10, 21) : Poisson(0.95 * sickness);
                var overtime = Math.Round((decimal)(Poisson(4.5 * overtimeFactor) + _rng.NextDouble()), 1);
                var vacation = month.Month == 7 ? 111 : month.Month is 10 or 12 or 2 ? 37 : _rng.Next(0, 16);
                var hours = Math.Max(0m, Math.Round((160.33m * e.Fte) - (sick * 7.4m * e.Fte) - (vacation * e.Fte) + overtime, 1));
                w.Row(e.Id, $"{month.Year:D4}-{month.Month:D2}", e.Fte.ToString(Da), hours.ToString(Da), overtime.ToString(Da), sick.ToString(Da));
            }
        }
    }

    private void WritePopulationAndGoals(string folder, Dictionary<string, int> rows)
    {
        using (var w = new CsvOut(folder, "population", rows, "unit_id", "year", "age_0_17", "age_0_22"))
        {
            for (var year = _from.Year; year <= to.Year; year++)
            {
                var growth = Math.Pow(1.01, year - _from.Year);
                var total17 = 0;
                var total22 = 0;
                for (var d = 0; d < profile.Departments; d++)
                {
                    var a17 = (int)(110_000 * profile.Scale / profile.Departments * growth * (0.85 + (0.1 * d)));
                    var a22 = (int)(a17 * 1.32);
                    total17 += a17;
                    total22 += a22;
                    w.Row(DepartmentId(d), year.ToString(CultureInfo.InvariantCulture), a17.ToString(CultureInfo.InvariantCulture), a22.ToString(CultureInfo.InvariantCulture));
                }
                w.Row("K", year.ToString(CultureInfo.InvariantCulture), total17.ToString(CultureInfo.InvariantCulture), total22.ToString(CultureInfo.InvariantCulture));
            }
        }
        using (var w = new CsvOut(folder, "goals", rows, "kpi_code", "unit_id", "year", "target"))
        {
            (Kpi Kpi, decimal Target)[] targets =
            [
                (KpiCatalogue.U2, 95), (KpiCatalogue.U3, 90), (KpiCatalogue.B1, 80), (KpiCatalogue.P1, 90), (KpiCatalogue.F1, 90), (KpiCatalogue.T1, 95), (KpiCatalogue.A1, 12), (KpiCatalogue.A2, 65),
                (KpiCatalogue.S1, 25), (KpiCatalogue.O1, 100), (KpiCatalogue.O2, 45), (KpiCatalogue.H1, 12), (KpiCatalogue.H2, 40), (KpiCatalogue.X1, 3),
                (KpiCatalogue.E1, 50), (KpiCatalogue.E2, 8), (KpiCatalogue.E3, 6),
            ];
            for (var year = _from.Year; year <= to.Year; year++)
            {
                foreach (var (kpi, target) in targets)
                {
                    w.Row(kpi.Code, "K", year.ToString(CultureInfo.InvariantCulture), target.ToString(Da));
                }
                // One department has set itself a stricter goal for examinations: it is inherited by its teams.
                w.Row(KpiCatalogue.B1.Code, DepartmentId(0), year.ToString(CultureInfo.InvariantCulture), "85");
            }
        }
    }

    /// <summary>Departments are F1, F2, …</summary>
    private static string DepartmentId(int index) => $"F{index + 1}";

    private Team PickTeam() => _teams[WeightedIndex(_teams.Select(t => t.Workload).ToList())];

    private string Weighted(List<(string Id, double Weight)> items) => items[WeightedIndex(items.Select(i => i.Weight).ToList())].Id;

    private int WeightedIndex(List<double> weights)
    {
        var x = _rng.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }
        return weights.Count - 1;
    }

    /// <summary>Fewer notifications in July and at Christmas, more after the school holidays and in spring.</summary>
    private static double Season(int month) => month switch { 7 => 0.65, 12 => 0.8, 8 or 9 => 1.15, 3 or 4 or 5 => 1.1, _ => 1.0 };

    private int Poisson(double mean)
    {
        // Knuth's method is fine for small means; large means use the normal approximation.
        if (mean > 30)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * normal)));
        }
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= _rng.NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    private static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? T(DateTime? t) => t?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("0.00", Da);

    private static string Ascii(string s) => s.Replace("æ", "ae", StringComparison.Ordinal).Replace("ø", "oe", StringComparison.Ordinal)
        .Replace("å", "aa", StringComparison.Ordinal).Replace("Æ", "Ae", StringComparison.Ordinal).Replace("Ø", "Oe", StringComparison.Ordinal)
        .Replace("Å", "Aa", StringComparison.Ordinal);

    /// <summary>A semicolon-separated UTF-8 file with BOM, as Danish Excel writes and reads it.</summary>
    private sealed class CsvOut : IDisposable
    {
        private readonly StreamWriter _writer;
        private readonly Dictionary<string, int> _counts;
        private readonly string _name;
        private int _rows;

        public CsvOut(string folder, string name, Dictionary<string, int> counts, params string[] header)
        {
            _name = name;
            _counts = counts;
            _writer = new StreamWriter(Path.Combine(folder, name + ".csv"), false, new UTF8Encoding(true), 1 << 16) { NewLine = "\r\n" };
            _writer.WriteLine(string.Join(';', header));
        }

        public void Row(params string?[] fields)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    _writer.Write(';');
                }
                var f = fields[i] ?? "";
                if (f.AsSpan().IndexOfAny(";\"\r\n") >= 0)
                {
                    f = "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                }
                _writer.Write(f);
            }
            _writer.WriteLine();
            _rows++;
        }

        public void Dispose()
        {
            _counts[_name] = _rows;
            _writer.Dispose();
        }
    }
}
