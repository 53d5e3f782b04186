namespace ReviewPortal.Application.Common.Mail;

/// <summary>Hands one mail to the outside world (SMTP, or .eml files in development).</summary>
public interface IMailTransport
{
    /// <summary>Throws if the mail was not accepted; the caller retries later.</summary>
    Task SendAsync(EmailEnvelope email, CancellationToken cancellationToken);
}

/// <param name="MessageId">Stable per outbox row, so a receiver can recognise a re-delivery.</param>
public sealed record EmailEnvelope(Guid MessageId, string ToAddress, string? ToName, string Subject, string TextBody, string? HtmlBody);
