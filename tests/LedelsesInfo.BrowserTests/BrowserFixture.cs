using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LedelsesInfo.BrowserTests;

/// <summary>Says why a browser test does not run here: no Debian Chromium outside CI. In CI a missing browser fails.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "Debians chromium er ikke installeret her (apt-get install chromium); .ci/run installerer den, og i CI fejler testen uden.";
        }
    }
}

public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!File.Exists(BrowserFactAttribute.Chromium) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "Debians chromium er ikke installeret her (apt-get install chromium); .ci/run installerer den, og i CI fejler testen uden.";
        }
    }
}

/// <summary>The portal on real Kestrel with the demo municipality, and Debian's Chromium driven by Playwright.</summary>
#pragma warning disable CA1001 // xunit disposes the fixture through IAsyncLifetime.DisposeAsync
public sealed class BrowserFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    private sealed class Factory(string dataFolder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:DataFolder", dataFolder);
            builder.UseSetting("Demo:SeedOnEmptyDatabase", "true");
        }
    }

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("ledelsesinfo-browser-").FullName;
    private Factory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _factory!.Services;

    /// <summary>Screenshots are kept as test artifacts.</summary>
    public static string ArtifactFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.Chromium))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true, men /usr/bin/chromium mangler: .ci/run skulle have installeret den.");
            }
            return;
        }
        _factory = new Factory(_dataFolder);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new browser page signed in through the development sign-in as the first user of an audience.</summary>
    public async Task<IPage> SignedInPageAsync(string audience, int width = 1280, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 }, BypassCSP = bypassCsp, Locale = "da-DK" });
        // Generous: on two shared cores a dashboard can be slow (docs/performance.md); these tests judge correctness, not speed.
        context.SetDefaultNavigationTimeout(90_000);
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/Konto/LogInd");
        await page.ClickAsync($"form:has(#bruger-{audience}) button");
        await page.WaitForAddressAsync(url => url == $"{BaseUrl}/");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        _factory?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}

/// <summary>
/// Waits for a page to be at an address and loaded, in place of <c>WaitForURLAsync</c>: that checks the address and then subscribes
/// to the load event, and an event delivered in between is lost (playwright-dotnet#3364), which once failed CI with a page that had
/// loaded 90 seconds earlier. The address is polled, and the load state is asked for in short waits, which find a state already recorded.
/// </summary>
public static class PageWaits
{
    public static async Task WaitForAddressAsync(this IPage page, Func<string, bool> matches, int timeoutMs = 90_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!matches(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Siden kom ikke til den ventede adresse inden {timeoutMs} ms; den er på {page.Url}.");
            }
            await Task.Delay(50);
        }
        while (true)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Asked again: a load state that was missed is recorded, and the next ask finds it at once.
            }
        }
    }
}
