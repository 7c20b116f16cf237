namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// Links to a case in the municipality's case system, from the URL template <c>CaseSystem:CaseUrl</c> (for example
/// <c>https://fagsystem.kommune.dk/sag/{caseId}</c>; docs/operations.md). The case id is escaped into the template, so an
/// id with a slash, a question mark or a space stays one path segment. Without a template, or with one that is not an
/// absolute http(s) address naming <c>{caseId}</c>, there are no links.
/// </summary>
public sealed class CaseSystemLinks
{
    public const string Placeholder = "{caseId}";

    private readonly string? template;

    public CaseSystemLinks(string? template)
    {
        this.template = template is { Length: > 0 } t && t.Contains(Placeholder, StringComparison.Ordinal)
            && Uri.TryCreate(t.Replace(Placeholder, "x", StringComparison.Ordinal), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? t : null;
    }

    public bool Enabled => template is not null;

    /// <summary>The case's address in the case system, or null when no template is configured.</summary>
    public string? For(string caseId)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        return template?.Replace(Placeholder, Uri.EscapeDataString(caseId), StringComparison.Ordinal);
    }
}

/// <summary>What the worklist partial shows: the rows in working order, their counts, the marks beside them, and where a row's links lead back to.</summary>
public sealed record WorklistView(string Id, IReadOnlyList<LedelsesInfo.Application.Features.Dashboards.DeadlineRow> Rows, LedelsesInfo.Domain.WorkCounts Counts,
    LedelsesInfo.Application.Features.Worklists.DeadlineMarks Marks, DateOnly Day, bool ShowCaseworker, string ReturnUrl);
