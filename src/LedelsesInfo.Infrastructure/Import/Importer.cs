using System.Data.Common;
using System.Diagnostics;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>
/// Imports the files of docs/formats.md. Each file is one transaction: rows are parsed and validated
/// as they stream in, written to a temporary staging table, checked there as a set (duplicates within the
/// file, references to unknown ids), and upserted by key. Memory does not grow with the file: only the
/// first <see cref="MaxErrorsKept"/> row errors are held, the rest are counted.
/// </summary>
public sealed class Importer(LedelsesInfoDbContext db, IClock clock)
{
    public const int MaxErrorsKept = 1000;
    private const int MaxValueLength = 400;
    private const int MaxWarningsKept = 20;
    private static readonly System.Globalization.CultureInfo DanishNumbers = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    /// <summary>
    /// A value from a file as it may be kept or shown: any CPR number in it masked, and at most <paramref name="max"/>
    /// characters ("…" after), so neither a CPR number nor a 100 MB cell reaches the database, the log or the screen.
    /// </summary>
    internal static string? Bounded(string? value, int max)
    {
        var masked = ChildIds.MaskCpr(value);
        return masked is { Length: var n } && n > max ? masked[..max] + $"… ({n.ToString("N0", DanishNumbers)} tegn)" : masked;
    }

    public static IReadOnlyList<string> KnownFileNames => FileSpecs.All.Select(s => s.Name).ToList();

    /// <summary>The files a set of paths names: folders expanded to their .csv and .xlsx files, in import order (parents first).</summary>
    public static IReadOnlyList<string> FilesOf(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path).Where(f => Path.GetExtension(f).ToLowerInvariant() is ".csv" or ".xlsx"));
            }
            else
            {
                files.Add(path);
            }
        }
        return files.OrderBy(f => FileSpecs.ForFileName(f)?.Order ?? 0).ThenBy(f => f, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Imports the files as one run, parents first. In a preview (<see cref="ImportOptions.Preview"/>) the files are read and
    /// checked on one connection, each file's valid rows kept in a temporary table so the next file's references to them hold,
    /// and nothing is written.
    /// </summary>
    public async Task<ImportResult> ImportAsync(IEnumerable<string> paths, ImportOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = FilesOf(paths);
        if (options.Preview)
        {
            return await PreviewAsync(files, options, ct);
        }
        db.DefersDataVersion = options.DeferDataVersion;
        try
        {
            return await ImportFilesAsync(files, options, ct);
        }
        finally
        {
            db.DefersDataVersion = false;
        }
    }

    private async Task<ImportResult> ImportFilesAsync(IReadOnlyList<string> files, ImportOptions options, CancellationToken ct)
    {
        await MarkInterruptedAsync(ct);
        var run = new ImportRun { Source = options.Source, StartedBy = options.ImportedBy, StartedAt = clock.Now, Strict = options.Strict, Files = files.Count };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var results = new List<FileImportResult>();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                results.Add(await ImportFileAsync(files[i], options, run.Id, i + 1, files.Count, ct));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped: the run ends with the files it finished, so the history does not show it running for ever.
            await FinishRunAsync(run.Id, results, CancellationToken.None);
            throw;
        }
        await FinishRunAsync(run.Id, results, ct);
        return new ImportResult(results, run.Id);
    }

    private Task<int> FinishRunAsync(long runId, List<FileImportResult> results, CancellationToken ct) =>
        db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.FinishedAt, clock.Now)
            .SetProperty(r => r.RowsApplied, results.Sum(f => f.RowsApplied))
            .SetProperty(r => r.RowsRejected, results.Sum(f => f.RowsRejected))
            .SetProperty(r => r.FilesRefused, results.Count(f => f.Refused)), ct);

    /// <summary>A batch's end: when and how it ended saved, and no longer among those this process runs.</summary>
    private async Task FinishBatchAsync(ImportBatch batch, ImportStatus status, string? message, CancellationToken ct)
    {
        batch.FinishedAt = clock.Now;
        batch.Status = status;
        batch.Message = message;
        await db.SaveChangesAsync(ct);
        Started.TryRemove((db.Database.GetConnectionString(), batch.Id), out _);
    }

    /// <summary>Records how long the recompute after a run took, for the import history.</summary>
    public Task RecordRecomputeAsync(long runId, TimeSpan elapsed, CancellationToken ct = default) =>
        db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u.SetProperty(r => r.RecomputeSeconds, Math.Round(elapsed.TotalSeconds, 1)), ct);

    private async Task<ImportResult> PreviewAsync(IReadOnlyList<string> files, ImportOptions options, CancellationToken ct)
    {
        var results = new List<FileImportResult>();
        var dialect = SqlDialect.For(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                results.Add(await ImportFileAsync(files[i], options, null, i + 1, files.Count, ct));
            }
        }
        finally
        {
            foreach (var table in _previewed)
            {
                await db.Database.ExecuteSqlRawAsync(dialect.DropTemp(Previewed(table)), CancellationToken.None);
            }
            _previewed.Clear();
            await db.Database.CloseConnectionAsync();
        }
        return new ImportResult(results);
    }

    /// <summary>The tables whose valid rows an ongoing preview holds in a temporary table (<see cref="Previewed"/>).</summary>
    private readonly HashSet<string> _previewed = [];

    private static string Previewed(string table) => "preview_" + table;

    /// <summary>The batches this process has started and not yet finished, per database.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string?, long), byte> Started = new();

    /// <summary>What a batch stopped by a shutdown says.</summary>
    public const string StoppedMessage =
        "Importen blev stoppet, fordi portalen lukkede ned; intet fra filen er indlæst. Indlæs filen igen.";

    /// <summary>What an interrupted batch says.</summary>
    public const string InterruptedMessage =
        "Importen blev afbrudt: processen stoppede, før kørslen var færdig. Indlæs filen igen; rækker, der allerede kom ind, bliver ikke dobbelt.";

    /// <summary>
    /// Marks every batch still "running" that no import in this process is running as interrupted: its process died (a
    /// kill, a crash, a restart). Called before each import and at start-up, so no batch says "I gang" for ever. Two
    /// imports never run at once against one database (docs/operations.md), so a running batch of another process is a dead one.
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        var connection = db.Database.GetConnectionString();
        var running = await db.ImportBatches.Where(b => b.Status == ImportStatus.Running).ToListAsync(ct);
        var dead = running.Where(b => !Started.ContainsKey((connection, b.Id))).ToList();
        foreach (var batch in dead)
        {
            batch.Status = ImportStatus.Interrupted;
            batch.FinishedAt ??= clock.Now;
            batch.Message = InterruptedMessage;
        }
        if (dead.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return dead.Count;
    }

    /// <summary>One file as a run of its own (or, in a preview, checked alone).</summary>
    public async Task<FileImportResult> ImportFileAsync(string path, ImportOptions options, CancellationToken ct = default) =>
        options?.Preview == true
            ? (await PreviewAsync([path], options, ct)).Files[0]
            : (await ImportAsync([path], options ?? throw new ArgumentNullException(nameof(options)), ct)).Files[0];

    /// <summary>One file, traced as an activity of its own with its rows counted (<see cref="Telemetry.PortalTelemetry"/>).</summary>
    private async Task<FileImportResult> ImportFileAsync(string path, ImportOptions options, long? runId, int number, int count, CancellationToken ct)
    {
        using var activity = Telemetry.PortalTelemetry.Source.StartActivity(options.Preview ? "import preview" : "import");
        activity?.SetTag("ledelsesinfo.import.file", Path.GetFileName(path));
        var result = await ImportOneFileAsync(path, options, runId, number, count, ct);
        var kind = new KeyValuePair<string, object?>("ledelsesinfo.import.kind", result.Kind ?? "ukendt");
        activity?.SetTag(kind.Key, kind.Value).SetTag("ledelsesinfo.import.rows_applied", result.RowsApplied).SetTag("ledelsesinfo.import.rows_rejected", result.RowsRejected);
        if (result.Refused)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.RefusalReason);
        }
        if (!options.Preview)
        {
            Telemetry.PortalTelemetry.RowsImported.Add(result.RowsApplied, kind);
            Telemetry.PortalTelemetry.RowsRejected.Add(result.RowsRejected, kind);
        }
        return result;
    }

    private async Task<FileImportResult> ImportOneFileAsync(string path, ImportOptions options, long? runId, int number, int count, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var spec = FileSpecs.ForFileName(path);
        var batch = new ImportBatch
        {
            RunId = runId,
            FileName = Path.GetFileName(path),
            FileKind = spec?.Name ?? "ukendt",
            StartedAt = clock.Now,
            Status = ImportStatus.Running,
            Strict = options.Strict,
            ImportedBy = options.ImportedBy,
        };
        if (!options.Preview)
        {
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            Started.TryAdd((db.Database.GetConnectionString(), batch.Id), 0);
        }

        var run = new FileRun(path, spec, options, number, count);
        options.Progress?.Report(new ImportProgress(path, 0, number, count));
        try
        {
            if (spec is null)
            {
                throw new FileRefusedException($"filnavnet svarer ikke til en kendt fil ({string.Join(", ", KnownFileNames)})");
            }
            await ImportRowsAsync(run, spec, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && !options.Preview)
        {
            // A stop (the web app shutting down): the file's transaction has been rolled back; its batch says so at once.
            await FinishBatchAsync(batch, ImportStatus.Interrupted, StoppedMessage, CancellationToken.None);
            throw;
        }
        catch (FileRefusedException ex)
        {
            run.Refuse(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever else stops a file (a part of a file no rule foresaw, a database that does not answer): the file's
            // transaction is rolled back, the batch is finished as refused, and the reader gets Danish, never a stack trace.
            run.Refuse($"en uventet fejl stoppede indlæsningen ({ex.GetType().Name}); intet fra filen er indlæst");
        }
        options.Progress?.Report(new ImportProgress(path, run.RowsRead, number, count));

        if (options.Preview)
        {
            return new FileImportResult(path, spec?.Name, 0, run.Refused, run.RefusalReason, run.RowsRead, 0,
                run.RowsRejected, Stopwatch.GetElapsedTime(started), run.Errors, run.Warnings, run.Format);
        }
        batch.RowsRead = run.RowsRead;
        batch.RowsApplied = run.RowsApplied;
        batch.RowsRejected = run.RowsRejected;
        batch.ChangedFrom = run.RowsApplied > 0 ? run.ChangedFrom : null;
        batch.Errors = run.Errors.Select(e => new ImportRowError { RowNumber = e.Row, Column = e.Column, Value = e.Value, Reason = e.Reason }).ToList();
        await FinishBatchAsync(batch, run.Refused ? ImportStatus.Refused : run.RowsRejected > 0 ? ImportStatus.PartlyApplied : ImportStatus.Completed,
            run.Refused ? Bounded(run.RefusalReason, 2000) : run.WarningMessage, ct);
        db.ChangeTracker.Clear();

        return new FileImportResult(path, spec?.Name, batch.Id, run.Refused, run.RefusalReason, run.RowsRead, run.RowsApplied,
            run.RowsRejected, Stopwatch.GetElapsedTime(started), run.Errors, run.Warnings, run.Format);
    }

    private async Task ImportRowsAsync(FileRun run, FileSpec spec, CancellationToken ct)
    {
        using var file = TabularFile.Open(run.Path);
        run.Format = file.Format;
        var columnIndex = MapHeader(file.Header, spec, run);

        var entity = db.Model.FindEntityType(spec.Entity)!;
        var table = entity.GetTableName()!;
        var storeObject = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = spec.Columns.Select(c => entity.FindProperty(c.Property)!).ToList();
        var columns = properties.Select(p => p.GetColumnName(storeObject)!).ToList();
        var keys = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(storeObject)!).ToList();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
        var maxLengths = properties.Select(p => p.GetMaxLength()).ToList();
        var today = DateOnly.FromDateTime(clock.Now);

        var dialect = SqlDialect.For(db);
        var stage = dialect.Temp("stage");
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await AccessLogFile.DetachAsync(db, ct); // views go on being logged while this holds the database's lock
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var connection = db.Database.GetDbConnection();
                var tx = transaction.GetDbTransaction();
                var sql = new SqlBatch(connection, tx, ct);

                await sql.ExecAsync(dialect.DropTemp("stage"));
                await sql.ExecAsync(dialect.DropTemp("stage_rejected"));
                var stageColumns = properties.Select((p, i) => new StageColumn(columns[i], p.GetColumnType(storeObject), mappings[i].Converter?.ProviderClrType ?? mappings[i].ClrType)).ToList();
                // The staged rows' columns: the row's number and the file's columns, all nullable (a preview keeps its valid rows in the same shape).
                var stageDefinition = $"{dialect.Q("row_no")} {dialect.IntType} NOT NULL, " + string.Join(", ", stageColumns.Select(c => $"{dialect.Q(c.Name)} {c.StoreType} NULL"));
                await sql.ExecAsync(dialect.CreateTemp("stage", stageDefinition));
                await sql.ExecAsync(dialect.CreateTemp("stage_rejected", $"{dialect.Q("row_no")} {dialect.IntType} NOT NULL PRIMARY KEY"));

                var staged = 0;
                await using (var writer = dialect.OpenWriter(connection, tx, stage, stageColumns))
                {
                    var providerValues = new object?[properties.Count];
                    foreach (var textRow in file.Rows())
                    {
                        run.RowsRead++;
                        var row = ParseRow(textRow, spec, columnIndex, maxLengths, file.IsSpreadsheet, run, today);
                        if (row is not null)
                        {
                            var validation = await spec.Validator.ValidateAsync(row, ct);
                            if (validation.IsValid)
                            {
                                for (var i = 0; i < providerValues.Length; i++)
                                {
                                    var value = row.Values[i];
                                    providerValues[i] = value is null ? null : mappings[i].Converter?.ConvertToProvider(value) ?? value;
                                }
                                await writer.WriteAsync(textRow.RowNumber, providerValues, ct);
                                staged++;
                            }
                            else
                            {
                                foreach (var failure in validation.Errors)
                                {
                                    run.AddError(textRow.RowNumber, failure.PropertyName, Raw(textRow, columnIndex, spec, failure.PropertyName), failure.ErrorMessage);
                                }
                                run.RowsRejected++;
                            }
                        }
                        if (run.RowsRead % 50_000 == 0)
                        {
                            run.Options.Progress?.Report(new ImportProgress(run.Path, run.RowsRead, run.Number, run.Count));
                        }
                    }
                    await writer.FlushAsync(ct);
                }
                if (run.RowsRead == 0)
                {
                    run.Warnings.Add("filen har kun en overskriftsrække; intet at indlæse");
                }

                var rejectedInStage = await CheckStagedRowsAsync(sql, dialect, spec, entity, storeObject, columns, keys, run, ct);
                run.RowsRejected += rejectedInStage;

                if (spec.Entity == typeof(Employee))
                {
                    await RemoveAbsentEmployeesAsync(sql, dialect, run);
                }
                if (run.Options.Preview)
                {
                    // Nothing is written; the valid rows wait in a temporary table for the next file's references.
                    var previewed = dialect.Temp(Previewed(table));
                    if (_previewed.Add(table))
                    {
                        await sql.ExecAsync(dialect.CreateTemp(Previewed(table), stageDefinition));
                    }
                    var list = string.Join(", ", new[] { dialect.Q("row_no") }.Concat(columns.Select(dialect.Q)));
                    await sql.ExecAsync($"INSERT INTO {previewed} ({list}) SELECT {string.Join(", ", new[] { "s." + dialect.Q("row_no") }.Concat(columns.Select(c => "s." + dialect.Q(c))))} FROM {Stage(dialect)} s WHERE {NotRejected(dialect)}");
                    await sql.ExecAsync(dialect.DropTemp("stage"));
                    await sql.ExecAsync(dialect.DropTemp("stage_rejected"));
                    await transaction.CommitAsync(ct);
                    return;
                }
                if (run.Options.Strict && run.RowsRejected > 0)
                {
                    await transaction.RollbackAsync(ct);
                    run.Warnings.Add("streng tilstand: intet er indlæst, fordi filen har afviste rækker");
                    run.RowsApplied = 0;
                    return;
                }
                if (staged - rejectedInStage > 0)
                {
                    run.ChangedFrom = await ChangedFromAsync(sql, dialect, ChangeRule.For(spec.Name), table, columns, keys,
                        property => entity.FindProperty(property)!.GetColumnName(storeObject)!, ct);
                    await sql.ExecAsync(dialect.Upsert(table, stage, NotRejected(dialect), columns, keys));
                }
                await sql.ExecAsync(dialect.DropTemp("stage"));
                await sql.ExecAsync(dialect.DropTemp("stage_rejected"));
                await transaction.CommitAsync(ct);
                run.RowsApplied = staged - rejectedInStage;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    /// <summary>
    /// The employees file is the complete list of who works here (docs/formats.md): an employee left out of a file whose
    /// every row was accepted is marked removed, cannot sign in, and has every session ended, in the file's transaction; one
    /// who is in the file again is current again. A file with a rejected row removes nobody (the row might be the one left
    /// out), and says so. In a preview nothing is written; the warning says who would lose access.
    /// </summary>
    private async Task RemoveAbsentEmployeesAsync(SqlBatch sql, SqlDialect d, FileRun run)
    {
        string Column(IEntityType type, string property) =>
            d.Q(type.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!);
        var employees = db.Model.FindEntityType(typeof(Employee))!;
        var employeesTable = d.Q(employees.GetTableName()!);
        var id = Column(employees, nameof(Employee.Id));
        var removedAt = Column(employees, nameof(Employee.RemovedAt));
        static string People(int n) => n == 1 ? "1 medarbejder er" : $"{n} medarbejdere er";
        string Absent(string e) => $"{e}.{removedAt} IS NULL AND NOT EXISTS (SELECT 1 FROM {Stage(d)} s WHERE s.{id} = {e}.{id})";
        var count = Convert.ToInt32(await sql.ScalarAsync($"SELECT COUNT(*) FROM {employeesTable} e WHERE {Absent("e")}"), System.Globalization.CultureInfo.InvariantCulture);
        if (run.RowsRejected > 0 || run.RowsRead == 0)
        {
            if (count > 0 && run.RowsRead > 0)
            {
                run.Warn($"{People(count)} ikke i filen, men beholder adgangen, fordi filen har afviste rækker");
            }
            return;
        }
        if (run.Options.Preview)
        {
            if (count > 0)
            {
                run.Warn($"{People(count)} ikke i filen og mister adgangen til portalen, når filen indlæses");
            }
            return;
        }
        var sessions = db.Model.FindEntityType(typeof(SignInSession))!;
        var endedAt = Column(sessions, nameof(SignInSession.EndedAt));
        var now = new Dictionary<string, object?> { ["removed_now"] = clock.Now };
        await sql.ExecAsync($"UPDATE {d.Q(sessions.GetTableName()!)} SET {endedAt} = @removed_now WHERE {endedAt} IS NULL AND " +
            $"{Column(sessions, nameof(SignInSession.EmployeeId))} IN (SELECT e.{id} FROM {employeesTable} e WHERE {Absent("e")})", now);
        await sql.ExecAsync($"UPDATE {employeesTable} SET {removedAt} = @removed_now WHERE {Absent(employeesTable)}", now);
        await sql.ExecAsync($"UPDATE {employeesTable} SET {removedAt} = NULL WHERE {removedAt} IS NOT NULL AND {id} IN (SELECT s.{id} FROM {Stage(d)} s)");
        if (count > 0)
        {
            run.Warn($"{People(count)} ikke længere i filen og har mistet adgangen til portalen");
        }
    }

    private static int[] MapHeader(string[] header, FileSpec spec, FileRun run)
    {
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }
            if (!positions.TryAdd(name, i))
            {
                throw new FileRefusedException($"kolonnen '{Bounded(name, 60)}' står to gange i overskriften");
            }
        }
        var missing = spec.Columns.Where(c => c.Required && !positions.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            throw new FileRefusedException(
                (missing.Count == 1 ? $"den påkrævede kolonne {missing[0]} mangler" : $"de påkrævede kolonner {string.Join(", ", missing)} mangler") +
                $" (overskriften er: {Bounded(string.Join(", ", header), 300)})");
        }
        foreach (var unknown in positions.Keys.Where(h => spec.Columns.All(c => !c.Name.Equals(h, StringComparison.OrdinalIgnoreCase))))
        {
            run.Warn($"kolonnen '{Bounded(unknown, 60)}' kendes ikke og ignoreres");
        }
        return spec.Columns.Select(c => positions.TryGetValue(c.Name, out var p) ? p : -1).ToArray();
    }

    private static string? Raw(TextRow row, int[] columnIndex, FileSpec spec, string column)
    {
        var i = spec.Columns.ToList().FindIndex(c => c.Name == column);
        return i < 0 || columnIndex[i] < 0 || columnIndex[i] >= row.Fields.Length ? null : row.Fields[columnIndex[i]];
    }

    /// <summary>Turns text into typed values; returns null (with the errors recorded) when any value is unusable.</summary>
    private static ImportRow? ParseRow(TextRow row, FileSpec spec, int[] columnIndex, List<int?> maxLengths, bool spreadsheet, FileRun run, DateOnly today)
    {
        var values = new object?[spec.Columns.Count];
        if (row.Problem is not null)
        {
            run.AddError(row.RowNumber, null, null, row.Problem);
            run.RowsRejected++;
            return null;
        }
        var ok = true;
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            var column = spec.Columns[i];
            var position = columnIndex[i];
            var text = position >= 0 && position < row.Fields.Length ? row.Fields[position]?.Trim() : null;
            if (position >= 0 && row.Formulas?.Contains(position) == true)
            {
                run.AddError(row.RowNumber, column.Name, text, "cellen indeholder en formel; indsæt værdien i stedet (kopiér, indsæt som værdi)");
                ok = false;
                continue;
            }
            if (string.IsNullOrEmpty(text))
            {
                if (column.Required)
                {
                    run.AddError(row.RowNumber, column.Name, null, "mangler (kolonnen er påkrævet)");
                    ok = false;
                }
                continue;
            }
            string? error = null;
            object? value = column.Type switch
            {
                ColumnType.Text => text,
                ColumnType.Date => Values.Date(text, spreadsheet, out error),
                ColumnType.Timestamp => Values.Timestamp(text, spreadsheet, out error),
                ColumnType.Month => Values.Month(text, spreadsheet, out error),
                ColumnType.Decimal => Values.Decimal(text, out error),
                ColumnType.Money => Values.Money(text, out error),
                ColumnType.Integer => Values.Integer(text, out error),
                ColumnType.Boolean => Values.Boolean(text, out error),
                ColumnType.Code => column.ParseCode!(text),
                _ => throw new InvalidOperationException(column.Type.ToString()),
            };
            error ??= value switch
            {
                DateOnly day => DateRanges.Check(spec.Name, column.Name, day, today),
                DateTime at => DateRanges.Check(spec.Name, column.Name, DateOnly.FromDateTime(at), today),
                _ => null,
            };
            if (column.Type == ColumnType.Code && value is null)
            {
                error = $"er ikke en gyldig værdi (brug {string.Join(", ", column.Codes!)})";
            }
            if (column.Type == ColumnType.Text && maxLengths[i] is { } max && text.Length > max)
            {
                error = $"er for lang (højst {max} tegn)";
            }
            // No id and no free text may carry a CPR number: the portal holds children only as pseudonyms.
            if (column.Type == ColumnType.Text && error is null && ChildIds.LooksLikeCpr(text))
            {
                error = column.Name == "child_id"
                    ? "ligner et CPR-nummer; portalen må kun have et pseudonymt barn-id"
                    : "ligner et CPR-nummer; et CPR-nummer må ikke komme ind i portalen, heller ikke i et id eller en tekst";
            }
            if (error is not null)
            {
                run.AddError(row.RowNumber, column.Name, text, error);
                ok = false;
                continue;
            }
            values[i] = value;
        }
        if (!ok)
        {
            run.RowsRejected++;
            return null;
        }
        return new ImportRow(spec, row.RowNumber, values);
    }

    /// <summary>Set-based checks on the staged rows: the same key twice in the file, and references to unknown ids.</summary>
    private async Task<int> CheckStagedRowsAsync(SqlBatch sql, SqlDialect d, FileSpec spec, IEntityType entity,
        StoreObjectIdentifier storeObject, List<string> columns, List<string> keys, FileRun run, CancellationToken ct)
    {
        var rowNo = d.Q("row_no");
        await sql.ExecAsync(d.CreateTempIndex("stage", string.Join(", ", keys.Select(d.Q)) + ", " + rowNo));

        // A key seen earlier in the file: keep the first row, reject the later ones.
        var sameKey = string.Join(" AND ", keys.Select(k => $"f.{d.Q(k)} = s.{d.Q(k)}"));
        var duplicate = $"EXISTS (SELECT 1 FROM {Stage(d)} f WHERE {sameKey} AND f.{rowNo} < s.{rowNo})";
        var keyText = string.Join($" {d.Concat} '/' {d.Concat} ", keys.Select(k => $"CAST(s.{d.Q(k)} AS {d.CastText})"));
        var keyColumnNames = string.Join("/", keys.Select(k => spec.Columns[columns.IndexOf(k)].Name));
        await CollectAsync(sql, d,
            $"s.{rowNo}, {keyText}, (SELECT MIN(f.{rowNo}) FROM {Stage(d)} f WHERE {sameKey}) FROM {Stage(d)} s WHERE {duplicate} ORDER BY s.{rowNo}",
            r => run.AddError(r.GetInt32(0), keyColumnNames, r.GetString(1), $"samme nøgle står allerede i række {r.GetInt32(2)} i filen"));
        await sql.ExecAsync($"INSERT INTO {Rejected(d)} ({rowNo}) SELECT s.{rowNo} FROM {Stage(d)} s WHERE {duplicate}");

        foreach (var reference in spec.References)
        {
            var column = d.Q(columns[spec.IndexOf(reference.Column)]);
            var target = db.Model.FindEntityType(reference.Target)!;
            var targetTable = StoreObjectIdentifier.Table(target.GetTableName()!, target.GetSchema());
            var targetKey = d.Q(target.FindPrimaryKey()!.Properties.Single().GetColumnName(targetTable)!);
            var condition = reference.Condition is { } c ? $" AND t.{d.Q(target.FindProperty(c.Property)!.GetColumnName(targetTable)!)} = {SqlDialect.Literal(c.Value)}" : "";
            var unknown = $"s.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {d.Q(target.GetTableName()!)} t WHERE t.{targetKey} = s.{column}{condition})";
            if (reference.OrInThisFile)
            {
                unknown += $" AND NOT EXISTS (SELECT 1 FROM {Stage(d)} o WHERE o.{d.Q(keys[0])} = s.{column})";
            }
            if (_previewed.Contains(target.GetTableName()!))
            {
                unknown += $" AND NOT EXISTS (SELECT 1 FROM {d.Temp(Previewed(target.GetTableName()!))} t WHERE t.{targetKey} = s.{column}{condition})";
            }
            var reason = reference.Condition is null
                ? $"ukendt {reference.Description}: id'et findes ikke i portalen"
                : $"ukendt {reference.Description}: id'et findes ikke, eller enheden er ikke et {reference.Description}";
            await CollectAsync(sql, d, $"s.{rowNo}, s.{column} FROM {Stage(d)} s WHERE {unknown} ORDER BY s.{rowNo}",
                r => run.AddError(r.GetInt32(0), reference.Column, r.GetString(1), reason));
            await sql.ExecAsync($"INSERT INTO {Rejected(d)} ({rowNo}) SELECT s.{rowNo} FROM {Stage(d)} s WHERE {unknown} AND NOT EXISTS (SELECT 1 FROM {Rejected(d)} x WHERE x.{rowNo} = s.{rowNo})");
        }
        return Convert.ToInt32(await sql.ScalarAsync($"SELECT COUNT(*) FROM {Rejected(d)}"), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task CollectAsync(SqlBatch sql, SqlDialect d, string selectBody, Action<DbDataReader> add) =>
        sql.ReadAsync(d.Top(MaxErrorsKept, selectBody), add);

    /// <summary>
    /// Before the upsert: the earliest day the staged rows that are new or differ from what is stored can change a key
    /// figure from, by the file's <see cref="ChangeRule"/>. Rows equal to what is stored change nothing.
    /// </summary>
    private static async Task<DateOnly?> ChangedFromAsync(SqlBatch sql, SqlDialect d, ChangeRule rule, string table,
        IReadOnlyList<string> columns, IReadOnlyList<string> keys, Func<string, string> column, CancellationToken ct)
    {
        if (rule.Kind == ChangeKind.None)
        {
            return null;
        }
        string Col(string alias, string property) => $"{alias}.{d.Q(column(property))}";
        string Differs(string property) => d.Differs(Col("s", property), Col("t", property));
        var join = string.Join(" AND ", keys.Select(k => $"t.{d.Q(k)} = s.{d.Q(k)}"));
        var anyColumnDiffers = string.Join(" OR ", columns.Except(keys).Select(c => d.Differs($"s.{d.Q(c)}", $"t.{d.Q(c)}")));
        var parts = new List<string>();

        var added = rule.Kind == ChangeKind.Everything ? d.Everything : rule.Dates.Count == 0 ? null : d.Earliest(rule.Dates.Select(p => Col("s", p)).ToList());
        if (added is not null)
        {
            parts.Add($"SELECT {added} AS d FROM {Stage(d)} s WHERE {NotRejected(d)} AND NOT EXISTS (SELECT 1 FROM {d.Q(table)} t WHERE {join})");
        }
        var (changed, where) = rule.Kind switch
        {
            ChangeKind.Everything => (d.Everything, anyColumnDiffers),
            ChangeKind.Facts => (d.Earliest(rule.Dates.SelectMany(p => new[] { Col("s", p), Col("t", p) }).ToList()), anyColumnDiffers),
            _ => (
                $"CASE WHEN {string.Join(" OR ", rule.Structural.Select(Differs).DefaultIfEmpty("1 = 0"))} THEN {d.Everything} " +
                $"ELSE {d.Earliest(rule.Dates.Select(p => $"CASE WHEN {Differs(p)} THEN {d.Earliest([Col("s", p), Col("t", p)])} END")
                    .Concat((rule.DatedBy ?? []).Select(b => $"CASE WHEN {Differs(b.Column)} THEN {d.Earliest([Col("s", b.From), Col("t", b.From)])} END")).ToList())} END",
                string.Join(" OR ", rule.Structural.Concat(rule.Dates).Concat((rule.DatedBy ?? []).Select(b => b.Column)).Select(Differs))),
        };
        parts.Add($"SELECT {changed} AS d FROM {Stage(d)} s JOIN {d.Q(table)} t ON {join} WHERE {NotRejected(d)} AND ({where})");
        var earliest = await sql.ScalarAsync($"SELECT MIN(x.d) FROM ({string.Join(" UNION ALL ", parts)}) x");
        return earliest switch
        {
            null or DBNull => null,
            DateTime at => DateOnly.FromDateTime(at),
            DateOnly day => day,
            string text => DateOnly.ParseExact(text[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            _ => DateOnly.MinValue, // not understood: recompute everything
        };
    }

    private static string Stage(SqlDialect d) => d.Temp("stage");

    private static string Rejected(SqlDialect d) => d.Temp("stage_rejected");

    /// <summary>The staged row <c>s</c> was not rejected.</summary>
    private static string NotRejected(SqlDialect d) => $"NOT EXISTS (SELECT 1 FROM {Rejected(d)} r WHERE r.{d.Q("row_no")} = s.{d.Q("row_no")})";

    /// <summary>The state of one file's import.</summary>
    private sealed class FileRun(string path, FileSpec? spec, ImportOptions options, int number, int count)
    {
        public string Path { get; } = path;
        public int Number { get; } = number;
        public int Count { get; } = count;
        public string? Format { get; set; }
        public FileSpec? Spec { get; } = spec;
        public ImportOptions Options { get; } = options;
        public int RowsRead { get; set; }
        public int RowsApplied { get; set; }
        public int RowsRejected { get; set; }
        public DateOnly? ChangedFrom { get; set; }
        public bool Refused { get; private set; }
        public string? RefusalReason { get; private set; }
        public List<RowError> Errors { get; } = [];
        public List<string> Warnings { get; } = [];

        public void AddError(int row, string? column, string? value, string reason)
        {
            if (Errors.Count < MaxErrorsKept)
            {
                Errors.Add(new RowError(System.IO.Path.GetFileName(Path), row, Bounded(column, 60), Bounded(value, MaxValueLength), reason));
            }
        }

        /// <summary>A warning, of at most <see cref="MaxWarningsKept"/>; the rest are counted in the last one.</summary>
        public void Warn(string warning)
        {
            if (Warnings.Count < MaxWarningsKept)
            {
                Warnings.Add(warning);
            }
            else
            {
                _moreWarnings++;
            }
        }

        private int _moreWarnings;

        /// <summary>The warnings as one message, with "… og N flere" where some were left out.</summary>
        public string? WarningMessage => Warnings.Count == 0 ? null
            : string.Join("; ", Warnings) + (_moreWarnings > 0 ? $"; … og {_moreWarnings.ToString("N0", DanishNumbers)} flere" : "");

        public void Refuse(string reason)
        {
            Refused = true;
            RefusalReason = reason;
            RowsApplied = 0;
        }
    }
}
