namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>Runs only where a Docker engine answers; elsewhere it is skipped with the reason.</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        var socket = File.Exists("/var/run/docker.sock");
        var host = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"));
        if (!socket && !host)
        {
            Skip = "Ingen Docker-motor her (hverken /var/run/docker.sock eller DOCKER_HOST): SQL Server-testen kræver Testcontainers.";
        }
    }
}
