namespace LedelsesInfo.Application.Features.Imports;

/// <summary>Only administrators import (docs/security.md); the pages say so too, this holds when a message is sent from elsewhere.</summary>
internal static class ImportAccess
{
    public static void Require(ICurrentUser user)
    {
        if (user.Audience != Audience.Administrator)
        {
            throw new AccessDeniedException("Kun administratorer kan indlæse filer.");
        }
    }
}
