using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using ReviewPortal.Application.Common.Mail;

namespace ReviewPortal.Infrastructure.Mail;

/// <summary>
/// Sends mail with MailKit over SMTP; an exception (refused, unreachable) makes the job retry. A connection that fails
/// while the mail is handed over may have lost the server's 250 reply, so that is reported as "outcome unknown".
/// </summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(EmailEnvelope email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = settings.Smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
            await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", cancellationToken);
        try
        {
            await client.SendAsync(MimeMessages.Create(email, settings), cancellationToken);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted)
        {
            throw new MailRefusedException($"The server refused this mail: {ex.Message}", ex);
        }
        catch (SmtpCommandException)
        {
            throw; // the server answered "no": not accepted
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new MailOutcomeUnknownException($"The connection failed while the mail was sent: {ex.Message}", ex);
        }

        try
        {
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception)
        {
            // The server has accepted the mail; a failed QUIT must not make it look refused (and sent again).
        }
    }
}
