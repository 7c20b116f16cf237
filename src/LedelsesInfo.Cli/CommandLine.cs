namespace LedelsesInfo.Cli;

/// <summary>
/// The CLI's own small parser: a verb, positional paths, <c>--name value</c> options and <c>--flag</c>s.
/// Arguments with a colon (<c>--Database:Provider=SqlServer</c>) are configuration, as in ASP.NET Core.
/// </summary>
internal sealed class CommandLine
{
    private static readonly HashSet<string> Flags = ["strict", "no-recompute", "full", "dry-run"];

    public const string Usage = """
        Brug: ledelsesinfo <kommando> [valg]

          generate --profile demo|large|large4x --out <mappe> [--seed N] [--to åååå-mm-dd]
              Skriver en realistisk kommune som importfiler (deterministisk for frø og slutdato).
          import <fil eller mappe>... [--strict]
              Indlæser filerne i afhængighedsorden. Afslutningskode 0: alt indlæst; 1: nogle rækker afvist;
              2: en fil afvist. --strict: en fil med en afvist række indlæses slet ikke.
          recompute [--as-of åååå-mm-dd] [--full]
              Beregner nøgletal og frister pr. datoen (standard: den seneste dato i data). Sker også efter import.
              Kun de perioder, som nye eller ændrede data når, genberegnes; --full genberegner alle (fx efter en ny version).
          export-kpis --out <fil> [--as-of åååå-mm-dd]
              Beregner og skriver alle nøgletal som CSV (kpi_code;unit_id;period;numerator;denominator;value).
          migrate
              Opretter eller opdaterer databasen.
          prune-access-log [--days N]
              Sletter linjer i adgangsloggen, der er ældre end N dage (standard AccessLog:RetentionDays, ellers 5 år;
              mindst 183 dage).
          send-weekly [--dry-run] [--day åååå-mm-dd]
              Sender ugens besked om frister til teamledere og sagsbehandlere (kun antal og et link; ingen sager).
              --dry-run skriver, hvad der ville blive sendt, og sender intet. Kræver Notifications:Smtp:Host uden --dry-run.

        Database: --Database:Provider=Sqlite|SqlServer --ConnectionStrings:Default="..."
                  (eller miljøvariablerne Database__Provider og ConnectionStrings__Default)
        """;

    public required string Name { get; init; }
    public List<string> Positional { get; } = [];
    public Dictionary<string, string> Options { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> SetFlags { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<string> ConfigurationArgs { get; } = [];

    public string? Option(string name) => Options.GetValueOrDefault(name);

    public bool Flag(string name) => SetFlags.Contains(name);

    public static CommandLine? Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }
        var command = new CommandLine { Name = args[0].ToLowerInvariant() };
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
            {
                command.ConfigurationArgs.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    command.ConfigurationArgs.Add(args[++i]);
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                if (Flags.Contains(name))
                {
                    command.SetFlags.Add(name);
                }
                else if (i + 1 < args.Length)
                {
                    command.Options[name] = args[++i];
                }
                else
                {
                    return null;
                }
            }
            else
            {
                command.Positional.Add(arg);
            }
        }
        return command;
    }
}
