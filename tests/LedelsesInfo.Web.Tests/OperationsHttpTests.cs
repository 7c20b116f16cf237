using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace LedelsesInfo.Web.Tests;

/// <summary>What a municipality's IT sees of the portal (issue 19): compressed answers, cache headers, JSON logs in Production, telemetry on request.</summary>
public sealed class OperationsHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Pages_and_static_files_are_compressed_for_a_browser_that_takes_brotli_and_the_same_when_unpacked()
    {
        using var client = await SignIn.AsAsync(factory, "fagudvalg");
        using var plain = await client.GetAsync("/Fagudvalg");
        var text = await plain.Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/Fagudvalg");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var compressed = await client.SendAsync(request);
        var bytes = await compressed.Content.ReadAsByteArrayAsync();

        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.True(bytes.Length * 3 < System.Text.Encoding.UTF8.GetByteCount(text), $"{bytes.Length} bytes compressed against {text.Length} characters");
        await using var unpacked = new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(unpacked);
        var page = await reader.ReadToEndAsync();
        Assert.Contains("<h1", page, StringComparison.Ordinal);

        using var css = new HttpRequestMessage(HttpMethod.Get, "/css/app.css");
        css.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var style = await client.SendAsync(css);
        Assert.Equal("gzip", Assert.Single(style.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task A_fingerprinted_asset_is_cached_for_a_year_and_an_unfingerprinted_one_is_asked_for_again()
    {
        using var client = await SignIn.AsAsync(factory, "fagudvalg");
        var page = await client.GetStringAsync("/Fagudvalg");
        var fingerprinted = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/css/app\\.css\\?v=[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(fingerprinted);

        using var versioned = await client.GetAsync(fingerprinted);
        using var bare = await client.GetAsync("/css/app.css");

        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
        Assert.Equal("no-cache", bare.Headers.CacheControl?.ToString());
        Assert.True(bare.Headers.ETag is not null || bare.Content.Headers.LastModified is not null);
        // A page with personal data is never stored.
        using var dashboard = await client.GetAsync("/Fagudvalg");
        Assert.True(dashboard.Headers.CacheControl?.NoStore);
    }

    private sealed class ConfiguredFactory(string environment, Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Database:DataFolder", Directory.CreateTempSubdirectory("ledelsesinfo-ops-").FullName);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    private static readonly Dictionary<string, string?> Entra = new()
    {
        ["AzureAd:TenantId"] = "11111111-1111-1111-1111-111111111111",
        ["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222",
        ["AzureAd:ClientSecret"] = "hemmeligt",
        ["Database:MigrateAtStartup"] = "true",
    };

    [Fact]
    public void Production_logs_json_lines_and_development_the_readable_console()
    {
        using var production = new ConfiguredFactory("Production", Entra);
        using var development = new ConfiguredFactory("Development", []);
        production.CreateClient().Dispose();
        development.CreateClient().Dispose();

        Assert.Equal(ConsoleFormatterNames.Json, production.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.NotEqual(ConsoleFormatterNames.Json, development.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public void Traces_and_metrics_are_exported_only_where_an_otlp_endpoint_is_set()
    {
        using var with = new ConfiguredFactory("Development", new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });
        using var without = new ConfiguredFactory("Development", []);
        with.CreateClient().Dispose();
        without.CreateClient().Dispose();

        Assert.NotNull(with.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(with.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Null(without.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }
}
