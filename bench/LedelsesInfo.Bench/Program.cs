using System.Diagnostics;
using System.Globalization;
using System.Text;
using LedelsesInfo.Bench;

// The benchmark harness (docs/performance.md). Run in Release: bash bench/run.sh [--quick]
//   run [--quick] [--out <file>]            generate, import, recompute and load the dashboards; Markdown tables
//   load --db <file> [--clients N] [--seconds S]   the dashboard load alone, on an imported database
//   import-load --db <file> --file <payments csv> [--clients N]   the realistic mix while the web app imports the file from its drop folder
//   duckdb --files <folder> --as-of <date> --quarter <yyyy-Qn>   DuckDB computes the committee's quarter from the files (3 runs)
//   money [--rows N]                       EF 10 decimal (TEXT) against øre as INTEGER on SQLite
//   payments-file --rows N --out <folder>   a synthetic payments.csv (with organisation.csv) for import memory runs
switch (args.FirstOrDefault())
{
    case "run":
    {
        var (steps, loads, comparisons, windows) = await RunBenchmark.RunAsync(args.Contains("--quick"), Console.Out);
        var markdown = RunBenchmark.Markdown(steps, loads, comparisons)
            + (windows.Count == 0 ? "" : Environment.NewLine + "The import under load (issue 20)." + Environment.NewLine + Environment.NewLine + string.Join(Environment.NewLine, windows));
        Console.WriteLine(markdown);
        var outIndex = Array.IndexOf(args, "--out");
        if (outIndex >= 0)
        {
            await File.WriteAllTextAsync(args[outIndex + 1], markdown);
        }
        return 0;
    }
    case "load":
    {
        var load = await RunBenchmark.LoadOnlyAsync(args.SkipWhile(a => a != "--db").Skip(1).First(), Option("clients", 32), Option("seconds", 20), Console.Out);
        Console.WriteLine(RunBenchmark.Markdown([], [load], []));
        return 0;
    }
    case "import-load":
    {
        string Text(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).First();
        Console.WriteLine(await ImportUnderLoad.RunAsync(Text("db"), Text("file"), Option("clients", 32), Console.Out));
        return 0;
    }
    case "duckdb":
    {
        string Text(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).First();
        var asOf = DateOnly.ParseExact(Text("as-of"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var quarter = LedelsesInfo.Domain.Periods.Parse(Text("quarter"));
        for (var run = 1; run <= 3; run++)
        {
            var (seconds, figures) = DuckDbComparison.Run(Text("files"), asOf, quarter.Start, quarter.End);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds={seconds:0.0000}"));
            if (run == 3)
            {
                foreach (var f in figures)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure={f.Code};{f.Unit};{f.Numerator};{f.Denominator}"));
                }
            }
        }
        return 0;
    }
    case "money":
        await MoneyBenchmark.RunAsync(Option("rows", 1_000_000));
        return 0;
    case "payments-file":
        WritePaymentsFile(Option("rows", 1_000_000), args.SkipWhile(a => a != "--out").Skip(1).First());
        return 0;
    default:
        Console.Error.WriteLine("Brug: run [--quick] [--out <fil>] | load --db <fil> [--clients N] [--seconds S] | duckdb --files <mappe> --as-of <dato> --quarter <åååå-Kn> | money [--rows N] | payments-file --rows N --out <mappe>");
        return 2;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static void WritePaymentsFile(int rows, string folder)
{
    Directory.CreateDirectory(folder);
    File.WriteAllText(Path.Combine(folder, "organisation.csv"),
        "unit_id;parent_id;name;level\nK;;Benchkommune;kommune\nF1;K;Forvaltning;forvaltning\nA1;F1;Afdeling;afdeling\n" +
        string.Concat(Enumerable.Range(1, 24).Select(t => $"T{t};A1;Team {t};team\n")));
    var random = new Random(1);
    var start = Stopwatch.GetTimestamp();
    using var writer = new StreamWriter(Path.Combine(folder, "payments.csv"), false, new UTF8Encoding(false), 1 << 16);
    writer.WriteLine("payment_id;unit_id;function;activity_id;posted_on;amount");
    var day = new DateOnly(2021, 1, 1);
    for (var i = 1; i <= rows; i++)
    {
        var amount = (random.Next(-50_000, 20_000_000) / 100m).ToString("0.00", CultureInfo.GetCultureInfo("da-DK"));
        writer.WriteLine($"P{i:D9};T{random.Next(1, 25)};5.28.2{random.Next(0, 6)};;{day.AddDays(random.Next(0, 1826)):yyyy-MM-dd};{amount}");
    }
    Console.WriteLine($"{rows:N0} betalinger skrevet til {folder} på {Stopwatch.GetElapsedTime(start).TotalSeconds:N1} s");
}
