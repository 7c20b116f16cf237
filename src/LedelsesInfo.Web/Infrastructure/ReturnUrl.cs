namespace LedelsesInfo.Web.Infrastructure;

/// <summary>A "back to the list" address carried in the query string: only a path of this portal, never another site.</summary>
public static class ReturnUrl
{
    public static string? Local(string? url) =>
        url is { Length: > 1 and <= 2000 } u && u[0] == '/' && u[1] != '/' && u[1] != '\\' && !u.Contains("://", StringComparison.Ordinal) && !u.Any(char.IsControl) ? u : null;
}
