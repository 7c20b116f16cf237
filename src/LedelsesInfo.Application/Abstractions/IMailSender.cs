namespace LedelsesInfo.Application.Abstractions;

/// <summary>One e-mail in plain text. The portal sends only the weekly message, which holds counts and a link, never a case or a child.</summary>
public sealed record MailMessage(string To, string ToName, string Subject, string Body);

/// <summary>Sends e-mail (SMTP through MailKit in Infrastructure; docs/operations.md, "The weekly message").</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken ct);
}
