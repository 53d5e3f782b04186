using MimeKit;
using ReviewPortal.Application.Common.Mail;

namespace ReviewPortal.Infrastructure.Mail;

internal static class MimeMessages
{
    public static MimeMessage Create(EmailEnvelope email, MailOptions options)
    {
        var message = new MimeMessage
        {
            // Stable per outbox row: a re-delivery after a crash is recognisable as the same mail.
            MessageId = $"{email.MessageId:N}@reviewportal",
            Subject = email.Subject,
        };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        foreach (var attachment in email.Attachments ?? [])
            body.Attachments.Add(attachment.FileName, System.Text.Encoding.UTF8.GetBytes(attachment.Content), ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
