using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using ReviewPortal.Application.Common.Mail;

namespace ReviewPortal.Infrastructure.Mail;

/// <summary>Sends mail with MailKit over SMTP; an exception (refused, unreachable) makes the job retry.</summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(EmailEnvelope email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = settings.Smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
            await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", cancellationToken);
        await client.SendAsync(MimeMessages.Create(email, settings), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
