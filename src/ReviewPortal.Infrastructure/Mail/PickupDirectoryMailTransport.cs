using Microsoft.Extensions.Options;
using ReviewPortal.Application.Common.Mail;

namespace ReviewPortal.Infrastructure.Mail;

/// <summary>Development without SMTP: each mail becomes an .eml file any mail client can open.</summary>
internal sealed class PickupDirectoryMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(EmailEnvelope email, CancellationToken cancellationToken)
    {
        var directory = options.Value.PickupDirectory ?? throw new InvalidOperationException("Mail:PickupDirectory is not set.");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{email.MessageId:N}.eml");
        var temp = path + ".tmp";
        await MimeMessages.Create(email, options.Value).WriteToAsync(temp, cancellationToken);
        File.Move(temp, path, overwrite: true); // readers never see half a file
    }
}
