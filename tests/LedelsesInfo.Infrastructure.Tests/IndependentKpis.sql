-- An independent recomputation of every key figure of docs/key-figures.md, in plain SQLite SQL over the imported tables,
-- to check the engine's export row by row. It shares nothing with the engine: its own holiday list, its own month
-- arithmetic, recursive CTEs instead of window functions for the chains, range logic written out per figure.
-- @START is the first day of the history, @ASOF the as-of date, @NEXT the day after it.

DROP TABLE IF EXISTS temp.ind_holidays;
CREATE TEMP TABLE ind_holidays (day TEXT PRIMARY KEY);
INSERT INTO ind_holidays VALUES
 ('2023-01-01'),('2023-04-06'),('2023-04-07'),('2023-04-09'),('2023-04-10'),('2023-05-05'),('2023-05-18'),('2023-05-28'),('2023-05-29'),('2023-12-25'),('2023-12-26'),
 ('2024-01-01'),('2024-03-28'),('2024-03-29'),('2024-03-31'),('2024-04-01'),('2024-05-09'),('2024-05-19'),('2024-05-20'),('2024-12-25'),('2024-12-26'),
 ('2025-01-01'),('2025-04-17'),('2025-04-18'),('2025-04-20'),('2025-04-21'),('2025-05-29'),('2025-06-08'),('2025-06-09'),('2025-12-25'),('2025-12-26'),
 ('2026-01-01'),('2026-04-02'),('2026-04-03'),('2026-04-05'),('2026-04-06'),('2026-05-14'),('2026-05-24'),('2026-05-25'),('2026-12-25'),('2026-12-26'),
 ('2027-01-01'),('2027-03-25'),('2027-03-26'),('2027-03-28'),('2027-03-29'),('2027-05-06'),('2027-05-16'),('2027-05-17'),('2027-12-25'),('2027-12-26');

-- Working days numbered in order.
DROP TABLE IF EXISTS temp.ind_wd;
CREATE TEMP TABLE ind_wd AS
WITH RECURSIVE d(day) AS (SELECT date('@START', '-10 days') UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < date('@ASOF', '+40 days'))
SELECT day, ROW_NUMBER() OVER (ORDER BY day) AS n FROM d
WHERE strftime('%w', day) NOT IN ('0', '6') AND day NOT IN (SELECT day FROM ind_holidays);
CREATE INDEX temp.ix_ind_wd ON ind_wd (n);

-- day + m calendar months, clamped to the target month's last day.
DROP TABLE IF EXISTS temp.ind_addm;
CREATE TEMP TABLE ind_addm AS
WITH RECURSIVE d(day) AS (SELECT '2010-01-01' UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < '2028-12-31'),
n(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM n WHERE m < 24),
t AS (
  SELECT day, m, CAST(strftime('%d', day) AS INT) AS dd,
         CAST(strftime('%Y', day) AS INT) + (CAST(strftime('%m', day) AS INT) - 1 + m) / 12 AS y2,
         (CAST(strftime('%m', day) AS INT) - 1 + m) % 12 + 1 AS m2
  FROM d, n
)
SELECT day, m, printf('%04d-%02d-%02d', y2, m2, min(dd, CAST(strftime('%d', date(printf('%04d-%02d-01', y2, m2), '+1 month', '-1 day')) AS INT))) AS result
FROM t;
CREATE UNIQUE INDEX temp.ix_ind_addm ON ind_addm (day, m);

-- Each day of the history with its year, quarter, month and ISO week (the week of its Thursday).
DROP TABLE IF EXISTS temp.ind_days;
CREATE TEMP TABLE ind_days AS
WITH RECURSIVE d(day) AS (SELECT '@START' UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < '@ASOF')
SELECT day,
       strftime('%Y', day) AS y,
       strftime('%Y', day) || '-Q' || ((CAST(strftime('%m', day) AS INT) + 2) / 3) AS q,
       strftime('%Y-%m', day) AS mo,
       strftime('%Y', thu) || '-W' || printf('%02d', (CAST(strftime('%j', thu) AS INT) - 1) / 7 + 1) AS w
FROM (SELECT day, date(day, '-' || ((CAST(strftime('%w', day) AS INT) + 6) % 7) || ' days', '+3 days') AS thu FROM d);
CREATE INDEX temp.ix_ind_days ON ind_days (day);

DROP TABLE IF EXISTS temp.ind_periods;
CREATE TEMP TABLE ind_periods AS
SELECT 'aar' AS kind, y AS period, MAX(day) AS last FROM ind_days GROUP BY y
UNION ALL SELECT 'kvartal', q, MAX(day) FROM ind_days GROUP BY q
UNION ALL SELECT 'maaned', mo, MAX(day) FROM ind_days GROUP BY mo
UNION ALL SELECT 'uge', w, MAX(day) FROM ind_days GROUP BY w;

DROP TABLE IF EXISTS temp.ind_tree;
CREATE TEMP TABLE ind_tree AS
WITH RECURSIVE t(ancestor, unit) AS (SELECT Id, Id FROM org_units UNION ALL SELECT t.ancestor, o.Id FROM t JOIN org_units o ON o.ParentId = t.unit)
SELECT * FROM t;

-- Item-level rows: one per notification, deadline, payment, budget line, HR row or event, at its unit and day.
DROP TABLE IF EXISTS temp.ind_items;
CREATE TEMP TABLE ind_items (kpi TEXT, unit TEXT, day TEXT, num NUMERIC, den NUMERIC);

INSERT INTO ind_items
SELECT 'U1', UnitId, date(ReceivedAt), 1, NULL FROM notifications WHERE ReceivedAt < '@NEXT';

INSERT INTO ind_items
SELECT 'U2', UnitId, date(ReceivedAt),
       CASE WHEN AssessedAt < '@NEXT' AND CAST(strftime('%s', AssessedAt) AS INT) - CAST(strftime('%s', ReceivedAt) AS INT) <= 86400 THEN 1 ELSE 0 END, 1
FROM notifications
WHERE ReceivedAt < '@NEXT'
  AND (CAST(strftime('%s', ReceivedAt) AS INT) + 86400 < CAST(strftime('%s', '@NEXT') AS INT) OR AssessedAt < '@NEXT');

INSERT INTO ind_items
SELECT 'U3', UnitId, received,
       CASE WHEN ReceiptSentOn <= '@ASOF' AND ReceiptSentOn <= deadline THEN 1 ELSE 0 END, 1
FROM (
  SELECT n.*, date(n.ReceivedAt) AS received,
         (SELECT w6.day FROM ind_wd w6 WHERE w6.n = (SELECT MIN(w1.n) FROM ind_wd w1 WHERE w1.day > date(n.ReceivedAt)) + 5) AS deadline
  FROM notifications n WHERE n.Professional = 1 AND n.ReceivedAt < '@NEXT'
)
WHERE deadline <= '@ASOF' OR ReceiptSentOn <= '@ASOF';

INSERT INTO ind_items
SELECT 'B1', c.TeamId, m.result, CASE WHEN x.CompletedOn <= m.result THEN 1 ELSE 0 END, 1
FROM examinations x JOIN cases c ON c.Id = x.CaseId JOIN ind_addm m ON m.day = x.AwareOn AND m.m = 4
WHERE x.Kind = 'bfu' AND m.result <= '@ASOF';

INSERT INTO ind_items
SELECT 'P1', c.TeamId, m.result,
       CASE WHEN EXISTS (SELECT 1 FROM activity_events e WHERE e.ActivityId = a.Id AND e.Kind = 'plan' AND e.OccurredOn <= m.result) THEN 1 ELSE 0 END, 1
FROM activities a JOIN cases c ON c.Id = a.CaseId JOIN ind_addm m ON m.day = a.DecidedOn AND m.m = 3
WHERE a.Kind IN ('plejefamilie', 'netvaerksplejefamilie', 'opholdssted', 'doegninstitution', 'sikret') AND m.result <= '@ASOF';

INSERT INTO ind_items
WITH RECURSIVE chain(aid, k, due, done) AS (
  SELECT a.Id, 1, (SELECT result FROM ind_addm WHERE day = a.StartOn AND m = 3),
         (SELECT MIN(e.OccurredOn) FROM activity_events e WHERE e.ActivityId = a.Id AND e.Kind = 'opfoelgning' AND e.OccurredOn > a.StartOn AND e.OccurredOn <= '@ASOF')
  FROM activities a WHERE a.StartOn <= '@ASOF'
  UNION ALL
  SELECT c.aid, c.k + 1, (SELECT result FROM ind_addm WHERE day = c.done AND m = e.NextFollowUpMonths),
         (SELECT MIN(e2.OccurredOn) FROM activity_events e2 WHERE e2.ActivityId = c.aid AND e2.Kind = 'opfoelgning' AND e2.OccurredOn > c.done AND e2.OccurredOn <= '@ASOF')
  FROM chain c JOIN activity_events e ON e.ActivityId = c.aid AND e.Kind = 'opfoelgning' AND e.OccurredOn = c.done
  WHERE e.NextFollowUpMonths IS NOT NULL
)
SELECT 'F1', cs.TeamId, ch.due, CASE WHEN ch.done <= ch.due THEN 1 ELSE 0 END, 1
FROM chain ch JOIN activities a ON a.Id = ch.aid JOIN cases cs ON cs.Id = a.CaseId
WHERE ch.due <= '@ASOF' AND (a.EndOn IS NULL OR ch.due <= a.EndOn);

INSERT INTO ind_items
WITH RECURSIVE chain(aid, due, done) AS (
  SELECT a.Id, (SELECT result FROM ind_addm WHERE day = a.StartOn AND m = 6),
         (SELECT MIN(e.OccurredOn) FROM activity_events e WHERE e.ActivityId = a.Id AND e.Kind = 'tilsynsbesoeg' AND e.OccurredOn > a.StartOn AND e.OccurredOn <= '@ASOF')
  FROM activities a WHERE a.StartOn <= '@ASOF' AND a.Kind IN ('plejefamilie', 'netvaerksplejefamilie', 'opholdssted', 'doegninstitution', 'sikret')
  UNION ALL
  SELECT c.aid, (SELECT result FROM ind_addm WHERE day = c.done AND m = 6),
         (SELECT MIN(e2.OccurredOn) FROM activity_events e2 WHERE e2.ActivityId = c.aid AND e2.Kind = 'tilsynsbesoeg' AND e2.OccurredOn > c.done AND e2.OccurredOn <= '@ASOF')
  FROM chain c WHERE c.done IS NOT NULL
)
SELECT 'T1', cs.TeamId, ch.due, CASE WHEN ch.done <= ch.due THEN 1 ELSE 0 END, 1
FROM chain ch JOIN activities a ON a.Id = ch.aid JOIN cases cs ON cs.Id = a.CaseId
WHERE ch.due <= '@ASOF' AND (a.EndOn IS NULL OR ch.due <= a.EndOn);

-- E1: assessed follow-ups, goal reached. E2: placements that ended, broke down. E3: notifications about a child with a
-- case closed before the day received and at most 365 days before it (julianday arithmetic, not date modifiers).
INSERT INTO ind_items
SELECT 'E1', c.TeamId, e.OccurredOn, e.GoalAttained = 'ja', 1
FROM activity_events e JOIN activities a ON a.Id = e.ActivityId JOIN cases c ON c.Id = a.CaseId
WHERE e.Kind = 'opfoelgning' AND e.GoalAttained IN ('ja', 'delvist', 'nej') AND e.OccurredOn <= '@ASOF';
INSERT INTO ind_items
SELECT 'E2', c.TeamId, a.EndOn, COALESCE(a.EndReason = 'sammenbrud', 0), 1
FROM activities a JOIN cases c ON c.Id = a.CaseId
WHERE a.Kind IN ('plejefamilie', 'netvaerksplejefamilie', 'opholdssted', 'doegninstitution', 'sikret') AND a.EndOn <= '@ASOF';
INSERT INTO ind_items
SELECT 'E3', n.UnitId, date(n.ReceivedAt),
       (SELECT COUNT(*) > 0 FROM cases k WHERE k.ChildId = n.ChildId AND k.ClosedOn IS NOT NULL
          AND julianday(date(n.ReceivedAt)) - julianday(k.ClosedOn) BETWEEN 1 AND 365), 1
FROM notifications n WHERE n.ReceivedAt < '@NEXT';

-- Money is whole øre on SQLite.
INSERT INTO ind_items
SELECT 'O1', UnitId, PostedOn, Amount, 0 FROM payments WHERE PostedOn <= '@ASOF' AND Function BETWEEN '5.28.20' AND '5.28.25';
INSERT INTO ind_items
SELECT 'O1', UnitId, Month, 0, Amount FROM budget_lines WHERE Month <= '@ASOF' AND Function BETWEEN '5.28.20' AND '5.28.25';
INSERT INTO ind_items
SELECT 'O2', UnitId, PostedOn, CASE WHEN Function = '5.28.21' THEN Amount ELSE 0 END, Amount FROM payments WHERE PostedOn <= '@ASOF' AND Function BETWEEN '5.28.20' AND '5.28.25';

INSERT INTO ind_items
SELECT 'H1', e.UnitId, h.Month, h.SickDays, h.Fte FROM hr_months h JOIN employees e ON e.Id = h.EmployeeId WHERE h.Month <= '@ASOF';
INSERT INTO ind_items
SELECT 'H2', e.UnitId, h.Month, h.OvertimeHours, h.Fte FROM hr_months h JOIN employees e ON e.Id = h.EmployeeId WHERE h.Month <= '@ASOF';
INSERT INTO ind_items
SELECT 'X1', e.UnitId, h.Month, 0, h.HoursWorked FROM hr_months h JOIN employees e ON e.Id = h.EmployeeId WHERE h.Month <= '@ASOF' AND e.Role = 'sagsbehandler';
INSERT INTO ind_items
SELECT 'X1', c.TeamId, x.CompletedOn, 1, 0 FROM examinations x JOIN cases c ON c.Id = x.CaseId WHERE x.Kind = 'bfu' AND x.CompletedOn <= '@ASOF';
INSERT INTO ind_items
SELECT 'X1', c.TeamId, e.OccurredOn, 1, 0 FROM activity_events e JOIN activities a ON a.Id = e.ActivityId JOIN cases c ON c.Id = a.CaseId
WHERE e.Kind = 'opfoelgning' AND e.OccurredOn <= '@ASOF';

-- Figures on a period's last day, per unit.
DROP TABLE IF EXISTS temp.ind_stock;
CREATE TEMP TABLE ind_stock (kpi TEXT, unit TEXT, kind TEXT, period TEXT, num NUMERIC, den NUMERIC);

INSERT INTO ind_stock
SELECT 'A2', t.ancestor, p.kind, p.period, SUM(a.Kind IN ('plejefamilie', 'netvaerksplejefamilie')), COUNT(*)
FROM ind_periods p, activities a, cases c, ind_tree t
WHERE a.StartOn <= p.last AND COALESCE(a.EndOn, '9999-12-31') >= p.last
  AND a.Kind IN ('plejefamilie', 'netvaerksplejefamilie', 'opholdssted', 'doegninstitution', 'sikret')
  AND c.Id = a.CaseId AND t.unit = c.TeamId
GROUP BY t.ancestor, p.kind, p.period;

INSERT INTO ind_stock
SELECT 'A1', pop.UnitId, p.kind, p.period,
       (SELECT COUNT(DISTINCT c.ChildId) FROM activities a JOIN cases c ON c.Id = a.CaseId JOIN ind_tree t ON t.unit = c.TeamId
        WHERE t.ancestor = pop.UnitId AND a.StartOn <= p.last AND COALESCE(a.EndOn, '9999-12-31') >= p.last
          AND a.Kind IN ('plejefamilie', 'netvaerksplejefamilie', 'opholdssted', 'doegninstitution', 'sikret')),
       pop.Age0To17 / 1000.0
FROM ind_periods p JOIN population pop ON pop.Year = CAST(substr(p.last, 1, 4) AS INT);

INSERT INTO ind_stock
SELECT 'S1', t.ancestor, p.kind, p.period, COUNT(*), 0
FROM ind_periods p, cases c, ind_tree t
WHERE c.OpenedOn <= p.last AND COALESCE(c.ClosedOn, '9999-12-31') >= p.last AND t.unit = c.TeamId
GROUP BY t.ancestor, p.kind, p.period;
INSERT INTO ind_stock
SELECT 'S1', t.ancestor, p.kind, p.period, 0, SUM(h.Fte)
FROM ind_periods p, hr_months h, employees e, ind_tree t
WHERE h.Month = date(p.last, 'start of month') AND e.Id = h.EmployeeId AND e.Role = 'sagsbehandler' AND t.unit = e.UnitId
GROUP BY t.ancestor, p.kind, p.period;

-- The rolling windows of the statutory figures: each item's month lies in the 3-month windows ending with it and the two
-- months after, and in the 12-month windows ending with it and the eleven after, up to the as-of month; windows end in the
-- months from the history's first to the as-of date's.
DROP TABLE IF EXISTS temp.ind_windows;
CREATE TEMP TABLE ind_windows AS
WITH RECURSIVE e(month) AS (SELECT date('@START', 'start of month') UNION ALL SELECT date(month, '+1 month') FROM e WHERE month < date('@ASOF', 'start of month')),
n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 11)
SELECT 'R' || w.len AS kind, strftime('%Y-%m', e.month) || '-R' || w.len AS period, strftime('%Y-%m', date(e.month, '-' || n.k || ' months')) AS month
FROM e, n, (SELECT 3 AS len UNION ALL SELECT 12) w
WHERE n.k < w.len;

-- Every item into each of its periods and every unit above it; monthly data have no weeks.
SELECT kpi, unit, period,
       CASE WHEN kpi IN ('O1', 'O2') THEN SUM(num) / 100.0 ELSE SUM(num) END AS num,
       CASE WHEN kpi IN ('O1', 'O2') THEN SUM(den) / 100.0
            WHEN kpi IN ('H1', 'H2') THEN SUM(den) / 12.0
            WHEN kpi = 'X1' THEN SUM(den) / 100.0
            ELSE SUM(den) END AS den
FROM (
  SELECT i.kpi, t.ancestor AS unit, p.period, i.num, i.den
  FROM ind_items i
  JOIN ind_days d ON d.day = i.day
  JOIN (SELECT day, 'aar' AS kind, y AS period FROM ind_days UNION ALL SELECT day, 'kvartal', q FROM ind_days
        UNION ALL SELECT day, 'maaned', mo FROM ind_days UNION ALL SELECT day, 'uge', w FROM ind_days) p ON p.day = i.day
  JOIN ind_tree t ON t.unit = i.unit
  WHERE NOT (p.kind = 'uge' AND i.kpi IN ('O1', 'H1', 'H2', 'X1'))
  UNION ALL
  SELECT i.kpi, t.ancestor, w.period, i.num, i.den
  FROM ind_items i
  JOIN ind_windows w ON w.month = strftime('%Y-%m', i.day)
  JOIN ind_tree t ON t.unit = i.unit
  WHERE i.kpi IN ('U2', 'U3', 'B1', 'P1', 'F1', 'T1') AND i.day >= '@START' AND i.day <= '@ASOF'
  UNION ALL
  SELECT kpi, unit, period, num, den FROM ind_stock
)
GROUP BY kpi, unit, period;
