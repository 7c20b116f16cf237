namespace LedelsesInfo.Application.Abstractions;

/// <summary>
/// Marks a scope in which the portal runs a page for itself at start, before it listens (Web/Infrastructure/Warmup.cs):
/// the page, the pipeline and Razor then run once before the first reader's request. Nothing answered in such a scope is
/// kept in the cache, and nothing is written to the access log, since nobody saw it. Scoped; only code in the process sets it.
/// </summary>
public sealed class StartupRun
{
    public bool Active { get; set; }
}
