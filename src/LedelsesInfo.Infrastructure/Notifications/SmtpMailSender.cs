using LedelsesInfo.Application.Abstractions;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace LedelsesInfo.Infrastructure.Notifications;

/// <summary>SMTP settings (<c>Notifications:Smtp</c>; docs/operations.md). Without a host nothing is sent.</summary>
public sealed record SmtpSettings(string Host, int Port, string From, string FromName, string? UserName, string? Password, SecureSocketOptions Security)
{
    public static SmtpSettings? Read(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Notifications:Smtp");
        if (section["Host"] is not { Length: > 0 } host)
        {
            return null;
        }
        return new SmtpSettings(host, int.TryParse(section["Port"], out var port) ? port : 25, section["From"] ?? "ledelsesinfo@localhost", section["FromName"] ?? "LedelsesInfo",
            section["UserName"], section["Password"],
            Enum.TryParse<SecureSocketOptions>(section["Security"], ignoreCase: true, out var security) ? security : SecureSocketOptions.StartTlsWhenAvailable);
    }
}

/// <summary>Sends plain-text mail over SMTP with MailKit (docs/decisions/0013): one connection per message, short and simple.</summary>
public sealed class SmtpMailSender(SmtpSettings settings) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
        if (settings.UserName is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, settings.Password ?? "", ct);
        }
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>Where there is no SMTP server: sending is refused in Danish (the dry run still works).</summary>
public sealed class NoMailSender : IMailSender
{
    public Task SendAsync(MailMessage message, CancellationToken ct) =>
        throw new InvalidOperationException("Der er ikke sat en SMTP-server op (Notifications:Smtp:Host), så beskeden kan ikke sendes.");
}
