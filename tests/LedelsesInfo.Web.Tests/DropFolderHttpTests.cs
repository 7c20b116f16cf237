using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace LedelsesInfo.Web.Tests;

/// <summary>The portal with a drop folder watched every half second and a set taken once it has been still for one.</summary>
public sealed class DropFolderFactory : PortalFactory
{
    public string DropFolder { get; } = Directory.CreateTempSubdirectory("ledelsesinfo-drop-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Import:DropFolder", DropFolder);
        builder.UseSetting("Import:DropPollSeconds", "0.5");
        builder.UseSetting("Import:DropSettleSeconds", "1");
    }
}

/// <summary>The nightly run's drop folder: a complete set is imported like an upload and moved aside with its report.</summary>
public sealed class DropFolderHttpTests(DropFolderFactory factory) : IClassFixture<DropFolderFactory>
{
    [Fact]
    public async Task A_set_in_the_drop_folder_is_imported_once_it_stops_growing_and_moved_to_done_or_failed_with_its_report()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        await File.WriteAllTextAsync(Path.Combine(factory.DropFolder, "goals_natlig.csv"), "kpi_code;unit_id;year;target\nU2;K;2036;97\nU2;UKENDT;2036;97\n");

        var done = await WaitForAsync(Path.Combine(factory.DropFolder, "done"));
        var report = await File.ReadAllTextAsync(Path.Combine(done, "rapport.txt"));

        Assert.True(File.Exists(Path.Combine(done, "goals_natlig.csv")));
        Assert.False(File.Exists(Path.Combine(factory.DropFolder, "goals_natlig.csv")));
        Assert.Contains("goals_natlig.csv: 2 rækker læst, 1 indlæst, 1 afvist", report, StringComparison.Ordinal);
        Assert.Contains("række 3, kolonne unit_id (værdi 'UKENDT'): ukendt enhed", report, StringComparison.Ordinal);
        var history = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Importkoersler"));
        Assert.Matches(new Regex(@"Kørsel \d+: [^<]*importmappe, importmappe"), history);

        // A file that cannot be read goes to failed/, with the reason beside it.
        await File.WriteAllTextAsync(Path.Combine(factory.DropFolder, "noget.csv"), "a;b\n1;2\n");
        var failed = await WaitForAsync(Path.Combine(factory.DropFolder, "failed"));
        Assert.Contains("noget.csv: afvist – filnavnet svarer ikke til en kendt fil", await File.ReadAllTextAsync(Path.Combine(failed, "rapport.txt")), StringComparison.Ordinal);
    }

    /// <summary>The first set folder that has its report, waiting as long as the import may take on a slow machine.</summary>
    private static async Task<string> WaitForAsync(string folder)
    {
        for (var i = 0; i < 1200; i++)
        {
            var set = Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).FirstOrDefault(d => File.Exists(Path.Combine(d, "rapport.txt"))) : null;
            if (set is not null)
            {
                return set;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"intet sæt nåede {folder}");
    }
}
