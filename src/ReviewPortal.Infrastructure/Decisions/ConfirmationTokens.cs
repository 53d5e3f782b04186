using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Infrastructure.Decisions;

/// <summary>
/// Confirmation tokens signed and encrypted with ASP.NET Core Data Protection under their own purpose, so a token
/// made for anything else (a cookie, another feature) is refused. The keys live in PostgreSQL, so a link works on
/// every node and after a restart.
/// </summary>
internal sealed class ConfirmationTokens(IDataProtectionProvider provider) : IConfirmationTokens
{
    private const int PayloadLength = 48;
    private readonly IDataProtector _protector = provider.CreateProtector("ReviewPortal.SpeakerConfirmation.v1");

    public string Issue(ConfirmationTicket ticket)
    {
        var payload = new byte[PayloadLength];
        ticket.ConfirmationId.TryWriteBytes(payload.AsSpan(0, 16));
        ticket.SubmissionId.TryWriteBytes(payload.AsSpan(16, 16));
        ticket.SpeakerId.TryWriteBytes(payload.AsSpan(32, 16));
        return WebEncoders.Base64UrlEncode(_protector.Protect(payload));
    }

    public ConfirmationTicket? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1_000)
            return null;
        try
        {
            var payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            if (payload.Length != PayloadLength)
                return null;
            return new ConfirmationTicket(new Guid(payload.AsSpan(0, 16)), new Guid(payload.AsSpan(16, 16)), new Guid(payload.AsSpan(32, 16)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
