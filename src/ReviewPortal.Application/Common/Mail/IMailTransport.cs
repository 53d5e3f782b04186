namespace ReviewPortal.Application.Common.Mail;

/// <summary>Hands one mail to the outside world (SMTP, or .eml files in development).</summary>
public interface IMailTransport
{
    /// <summary>
    /// Throws if the mail was not accepted; the caller retries later. Throws <see cref="MailOutcomeUnknownException"/>
    /// when the server may have accepted it (the connection failed after the mail was handed over), and
    /// <see cref="MailRefusedException"/> when the server refused this mail itself rather than being unavailable.
    /// </summary>
    Task SendAsync(EmailEnvelope email, CancellationToken cancellationToken);
}

/// <param name="MessageId">Stable per outbox row, so a receiver can recognise a re-delivery.</param>
public sealed record EmailEnvelope(Guid MessageId, string ToAddress, string? ToName, string Subject, string TextBody, string? HtmlBody,
    IReadOnlyList<ReviewPortal.Domain.Outbox.MailAttachment>? Attachments = null);

/// <summary>The connection failed while the mail was being handed over or before the server's reply was read: it may have been accepted.</summary>
public sealed class MailOutcomeUnknownException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>The server answered, refusing this mail (e.g. its recipient): a server that is back for others does not change that.</summary>
public sealed class MailRefusedException(string message, Exception innerException) : Exception(message, innerException);
