namespace LedelsesInfo.Application.Abstractions;

/// <summary>A user asked for rows outside their scope (another team, another caseworker's case). The attempt is logged before this is thrown.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
