using LedelsesInfo.Infrastructure.Tests.Import;
using LedelsesInfo.Infrastructure.Tests.Support;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>Behind a TLS proxy on the same machine: the portal believes its X-Forwarded-Proto, so its cookies are Secure.</summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Cookies_are_secure_when_a_proxy_on_loopback_says_the_request_came_over_https()
    {
        Files.Basics(_db.Folder); // so the sign-in page has its forms (and their antiforgery cookie)
        await _db.ImportAsync(_db.Folder);
        using var portal = await PortalProcess.StartAsync(_db.ConnectionString, _db.Folder);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(portal.BaseUrl) };

        using var plain = await client.GetAsync("/Konto/LogInd");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Konto/LogInd");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var proxied = await client.SendAsync(request);

        string Antiforgery(HttpResponseMessage r) => r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", Antiforgery(plain), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", Antiforgery(proxied), StringComparison.OrdinalIgnoreCase);
    }
}
