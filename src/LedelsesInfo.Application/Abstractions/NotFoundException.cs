namespace LedelsesInfo.Application.Abstractions;

/// <summary>A message named something that does not exist (an unknown template, round or case id): the page answers 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);
