using System.Security.Cryptography;
using System.Text;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// Who a speaker is for "no one in two places at once": their account when they have one, else their e-mail address
/// (case and surrounding spaces ignored), so that a guest speaker named on two talks, in one track or two, is one person;
/// a speaker with neither is only themselves. One definition for the solver's inputs and the editor's rules.
/// </summary>
public static class SpeakerIdentity
{
    public static Guid Of(Guid? personId, string? email, Guid speakerId) =>
        personId ?? (NormalisedEmail(email) is { } address ? FromEmail(address) : speakerId);

    /// <summary>The address as compared: trimmed, lower case; null when there is none.</summary>
    public static string? NormalisedEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    // A stable key per address (the first 16 bytes of its SHA-256), kept apart from account ids by the prefix.
    private static Guid FromEmail(string address) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("speaker-email:" + address)).AsSpan(0, 16));
}
