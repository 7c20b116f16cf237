using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.AccessLogs;

namespace LedelsesInfo.Web.Auth;

/// <summary>
/// A page refused by its audience policy (the folder conventions in Program.cs) before any handler ran: logged like a
/// handler's refusal, with the path asked for and, on a case's page, the case id (docs/security.md, "Every look is accounted for").
/// </summary>
public static class PolicyRefusals
{
    public static async Task LogAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.ContainsKey(Infrastructure.RefusalFilter.DeniedReason))
        {
            return; // a handler refused it and has logged it, with what was asked for
        }
        var services = http.RequestServices;
        var path = http.Request.Path.Value ?? "";
        var caseId = path.StartsWith("/Sag/", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(path["/Sag/".Length..]) : null;
        await AccessLog.WriteAsync(services.GetRequiredService<IAppDbContext>(), services.GetRequiredService<ICurrentUser>(), services.GetRequiredService<IClock>(),
            $"Adgang nægtet af rollen: {path}{http.Request.QueryString}", AccessLog.Denied, [caseId], http.RequestAborted);
    }
}
